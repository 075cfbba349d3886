import { questionsAsked } from '../../../src/domain/catalog/route-questions';
import { loadCatalogFile } from '../../../src/storage/catalog-file';

const catalog = loadCatalogFile();
const route = catalog.routes.find((candidate) => candidate.questions?.some((question) => question.id === 'amount'))!;
const asked = (text: string) => questionsAsked(route, text).map((question) => question.id);

describe("a route's questions in a message", () => {
  afterEach(() => jest.restoreAllMocks());

  it('when a message asks two of them, then both are found, in the catalog\'s order; phrasings match as whole words, "belopp*" any ending, in any case and spelling', () => {
    expect(asked('När är sista dag att söka, och hur mycket kan vi få?')).toEqual(['amount', 'when']);
    expect(asked('Vilket BELOPPET blir det')).toEqual(['amount']);
    expect(asked('naer kommer beskedet')).toEqual(['when']);
    expect(asked('Min närstående behöver hjälp')).toEqual([]);
  });

  it("when a message holds none of a question's words, then its pattern is not run at every position of the message", () => {
    const patterns = jest.spyOn(RegExp.prototype, 'test');
    expect(asked('Nej tack, det behövs inte')).toEqual([]);
    expect(patterns).not.toHaveBeenCalled();
    expect(asked('hur mycket')).toEqual(['amount']);
    expect(patterns).toHaveBeenCalled();
  });
});
