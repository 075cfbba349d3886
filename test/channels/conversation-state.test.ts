import { MemoryStorage, TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import { ConversationStateWrittenEachTurn } from '../../src/channels/conversation-state';

/** A memory store that counts what botbuilder asks of it. */
class CountingStorage extends MemoryStorage {
  reads = 0;
  writes: StoreItems[] = [];
  override read(keys: string[]): Promise<StoreItems> {
    this.reads += 1;
    return super.read(keys);
  }
  override write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)) as StoreItems);
    return super.write(changes);
  }
}

const turnOn = (conversationId: string) =>
  new TurnContext(new TestAdapter(), {
    type: 'message',
    text: 'hej',
    channelId: 'webchat',
    conversation: { id: conversationId } as never,
    from: { id: 'resident', name: '' },
    recipient: { id: 'lotsen', name: 'Lotsen' },
  });

describe('the conversation state, written each turn it was loaded', () => {
  it('when a turn reads and changes a property, then the state is read once and written once, and the next turn reads it back', async () => {
    const storage = new CountingStorage();
    const state = new ConversationStateWrittenEachTurn(storage);
    const counter = state.createProperty<number>('counter');
    const first = turnOn('c1');
    await counter.set(first, (await counter.get(first, 0)) + 1);
    await counter.get(first, 0);
    await state.saveChanges(first);
    expect(storage.reads).toBe(1);
    expect(storage.writes).toHaveLength(1);
    expect(Object.values(storage.writes[0]!)[0]).toMatchObject({ counter: 1, eTag: '*' });

    const second = turnOn('c1');
    expect(await counter.get(second, 0)).toBe(1);
  });

  it('when a turn never touches the state, then nothing is read or written; a forced save writes an empty state', async () => {
    const storage = new CountingStorage();
    const state = new ConversationStateWrittenEachTurn(storage);
    const untouched = turnOn('c2');
    await state.saveChanges(untouched);
    expect(storage.reads).toBe(0);
    expect(storage.writes).toHaveLength(0);
    await state.saveChanges(untouched, true);
    expect(storage.writes).toHaveLength(1);
  });

  it('when the state is deleted during the turn, then the save after it writes nothing back', async () => {
    const storage = new CountingStorage();
    const state = new ConversationStateWrittenEachTurn(storage);
    const counter = state.createProperty<number>('counter');
    const context = turnOn('c3');
    await counter.set(context, 5);
    await state.saveChanges(context);
    await state.delete(context);
    await state.saveChanges(context);
    expect(storage.writes).toHaveLength(1);
    expect(await counter.get(turnOn('c3'), 0)).toBe(0);
  });
});
