package nl.alarmcentral.registry.rest;

/**
 * The answer to a withdrawal that could not finish every step at once (202). Her data is
 * unreadable from the moment her key is destroyed; the remaining steps are retried until done.
 *
 * @param keyDestroyed   her data key is gone: always true in an answer
 * @param backupsUnreadable her vault key is gone too: copies made before (backups, WAL) no longer open
 * @param dataDeleted    every row about her is deleted
 * @param othersNotified the other services were told (tombstone on worker.registrations)
 * @param accountDeleted her login account is deleted
 */
public record ErasureView(boolean keyDestroyed, boolean backupsUnreadable, boolean dataDeleted, boolean othersNotified, boolean accountDeleted) {
}
