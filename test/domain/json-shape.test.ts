import { jsonProblem, MAX_JSON_DEPTH } from '../../src/domain/json-shape';

const nested = (levels: number): unknown => (levels === 0 ? 'x' : [nested(levels - 1)]);

describe('what a JSON body may not contain', () => {
  it('when a body is ordinary, then there is no problem', () => {
    expect(jsonProblem({ type: 'message', text: 'Hej 🙂 å ä ö', value: { a: [1, { b: null }] } })).toBeUndefined();
  });

  it('when a string holds a NUL or a lone surrogate, then the field is named', () => {
    expect(jsonProblem({ text: 'hej\u0000då' })).toMatch(/^text: contains a character that cannot be stored/);
    expect(jsonProblem({ from: { name: 'a\ud800b' } })).toMatch(/^from\.name: /);
    expect(jsonProblem({ channelData: { '\udfff': 1 } })).toMatch(/^channelData: has a key/);
  });

  it('when a body nests deeper than the limit, then it is refused without overflowing the stack', () => {
    expect(jsonProblem({ value: nested(MAX_JSON_DEPTH - 2) })).toBeUndefined();
    expect(jsonProblem({ value: nested(5_000) })).toMatch(/^value(\.0)+: nested deeper than/);
  });
});
