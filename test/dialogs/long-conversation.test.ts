import { databaseKinds, type TestDatabase } from '../support/databases';
import { message, postActivity, startApp, type RunningApp } from '../support/test-app';

describe('a long conversation', () => {
  let testDatabase: TestDatabase;
  let running: RunningApp;

  beforeAll(async () => {
    testDatabase = await databaseKinds[0]!.create();
    running = await startApp(testDatabase.url, { BACKGROUND_JOBS: 'off' });
  });
  afterAll(async () => {
    await running.stop();
    await testDatabase.dispose();
  });

  /** The conversation's saved dialog stack, as stored after the last turn. */
  const savedState = async (conversationId: string) =>
    JSON.stringify((await running.app.database.prisma.botState.findFirstOrThrow({ where: { key: { contains: conversationId } } })).data);

  it('when a resident asks question after question, then the saved dialog state does not grow with every round', async () => {
    const conversationId = `long-${Date.now()}`;
    const sizes: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      const asked = await postActivity(
        running.baseUrl,
        message(round % 2 === 0 ? 'Hur söker vår förening föreningsbidrag?' : 'Vad gör anhörigkonsulenten?', conversationId),
      );
      expect(asked.texts.join('\n')).toMatch(/kontaktar dig\?/);
      const declined = await postActivity(running.baseUrl, message('nej', conversationId));
      expect(declined.texts.join('\n')).toMatch(/något mer/i);
      sizes.push((await savedState(conversationId)).length);
    }
    // Same place in the conversation every round: the same state, give or take the route's id.
    expect(Math.max(...sizes.slice(2)) - Math.min(...sizes.slice(2))).toBeLessThan(40);
  });
});
