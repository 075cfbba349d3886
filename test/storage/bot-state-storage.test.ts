import { ConversationState, TestAdapter, type TurnContext } from 'botbuilder';
import type { Database } from '../../src/storage/database';
import { BotStateStorage, ETagConflictError } from '../../src/storage/bot-state-storage';
import { databaseKinds } from '../support/databases';
import { openMigratedDatabase } from '../support/open-test-database';

describe.each(databaseKinds)('the bot state storage on $name', (kind) => {
  let database: Database;
  let close: () => Promise<void>;
  let storage: BotStateStorage;

  beforeAll(async () => {
    ({ database, close } = await openMigratedDatabase(kind));
    storage = new BotStateStorage(database.pool);
  });
  afterAll(() => close());

  it('when a key was never written, then reading it returns nothing for it', async () => {
    expect(await storage.read(['unknown'])).toEqual({});
    expect(await storage.read([])).toEqual({});
  });

  it('when objects are created, then they read back with their data and an eTag each', async () => {
    await storage.write({ create1: { id: 1, nested: { list: [1, 'två'] } }, create2: { id: 2 } });
    const items = await storage.read(['create1', 'create2']);
    expect(items.create1).toMatchObject({ id: 1, nested: { list: [1, 'två'] } });
    expect(items.create2).toMatchObject({ id: 2 });
    expect(typeof items.create1?.eTag).toBe('string');
    expect(items.create1?.eTag).not.toEqual(items.create2?.eTag);
  });

  it('when keys contain odd characters, then they round-trip unchanged', async () => {
    const key = '!@#$%^&*()~/\\><,.?\';"`~ åäö 🚀 emulator/conversations/a|b';
    await storage.write({ [key]: { value: 'ok' } });
    expect((await storage.read([key]))[key]).toMatchObject({ value: 'ok' });
  });

  it('when an object is updated with its current eTag, then it is saved and gets a new eTag', async () => {
    await storage.write({ update: { count: 1 } });
    const first = (await storage.read(['update'])).update!;
    await storage.write({ update: { ...first, count: 2 } });
    const second = (await storage.read(['update'])).update!;
    expect(second.count).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  it('when an object is written with a stale eTag, then the write fails and the newer data stays', async () => {
    await storage.write({ stale: { count: 1 } });
    const original = (await storage.read(['stale'])).stale!;
    await storage.write({ stale: { ...original, count: 2 } });
    await expect(storage.write({ stale: { ...original, count: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read(['stale'])).stale?.count).toBe(2);
  });

  it('when an object is written with eTag "*" or none, then it overwrites whatever is there', async () => {
    await storage.write({ wildcard: { count: 1 } });
    await storage.write({ wildcard: { count: 2, eTag: '*' } });
    expect((await storage.read(['wildcard'])).wildcard?.count).toBe(2);
    await storage.write({ wildcard: { count: 3 } });
    expect((await storage.read(['wildcard'])).wildcard?.count).toBe(3);
  });

  it('when a new key is written with some eTag, then it is created (nothing to conflict with)', async () => {
    await storage.write({ fresh: { count: 1, eTag: 'from-elsewhere' } });
    expect((await storage.read(['fresh'])).fresh?.count).toBe(1);
  });

  it('when two writers race on the same eTag, then exactly one wins', async () => {
    await storage.write({ race: { winner: 'none' } });
    const read = (await storage.read(['race'])).race!;
    const results = await Promise.allSettled(['a', 'b', 'c', 'd'].map((winner) => storage.write({ race: { ...read, winner } })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.filter((result) => result.status === 'rejected').every((result) => (result as PromiseRejectedResult).reason instanceof ETagConflictError),
    ).toBe(true);
  });

  it('when objects are deleted, then they are gone and deleting unknown keys is harmless', async () => {
    await storage.write({ delete1: { a: 1 }, delete2: { b: 2 } });
    await storage.delete(['delete1', 'delete2', 'never-was']);
    expect(await storage.read(['delete1', 'delete2'])).toEqual({});
    await expect(storage.delete([])).resolves.toBeUndefined();
  });

  it('when a bot uses ConversationState over it, then state persists across turns and adapters', async () => {
    const counterFor = (state: ConversationState) => state.createProperty<number>('turns');
    const turn = (state: ConversationState) => async (context: TurnContext) => {
      const counter = counterFor(state);
      const turns = (await counter.get(context, 0)) + 1;
      await counter.set(context, turns);
      await state.saveChanges(context);
      await context.sendActivity(`turn ${turns}`);
    };
    const first = new ConversationState(new BotStateStorage(database.pool));
    await new TestAdapter(turn(first)).send('hi').assertReply('turn 1').send('again').assertReply('turn 2');
    // A second adapter and state object: as another instance of Lotsen would see it.
    const second = new ConversationState(new BotStateStorage(database.pool));
    await new TestAdapter(turn(second)).send('hello').assertReply('turn 3');
  });
});
