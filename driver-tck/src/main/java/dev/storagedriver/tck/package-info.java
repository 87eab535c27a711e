/**
 * The conformance kit. Extend {@link dev.storagedriver.tck.StorageDriverTck} and implement {@code newDriver()};
 * tune sizes with {@link dev.storagedriver.tck.TckSettings}. The contract interfaces group the tests by
 * operation; each test's name says the behaviour it checks:
 *
 * <ul>
 *   <li>{@link dev.storagedriver.tck.PathContract}: which paths are accepted, and the error for the others;
 *   <li>{@link dev.storagedriver.tck.ContentContract}: {@code putContent} and {@code getContent};
 *   <li>{@link dev.storagedriver.tck.StreamContract}: {@code writer} and {@code reader}, offsets, large streams;
 *   <li>{@link dev.storagedriver.tck.AppendContract}: resuming writes ({@code RESUMABLE_APPEND});
 *   <li>{@link dev.storagedriver.tck.ListContract}, {@link dev.storagedriver.tck.StatContract}, {@link
 *       dev.storagedriver.tck.MoveContract}, {@link dev.storagedriver.tck.DeleteContract}: one operation each;
 *   <li>{@link dev.storagedriver.tck.WalkContract}: walk order, visitor results, start-after;
 *   <li>{@link dev.storagedriver.tck.ConcurrencyContract}: concurrent readers and writers;
 *   <li>{@link dev.storagedriver.tck.RedirectContract}: redirect URLs ({@code REDIRECT_URL});
 *   <li>{@link dev.storagedriver.tck.NamesContract}: real file names (any script, spaces, emoji, punctuation,
 *       names that look like escapes or hidden state, the longest segment and path) through every operation,
 *       in UTF-8 byte order; case and normalization pairs ({@code NAME_FOLDING}); control characters,
 *       surrogates and over-long paths rejected everywhere; the deepest tree.
 * </ul>
 */
package dev.storagedriver.tck;
