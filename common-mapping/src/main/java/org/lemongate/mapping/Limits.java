package org.lemongate.mapping;

/**
 * The bounds the gateway enforces, advertised to clients.
 *
 * @param maxPageSize    the largest page of a message list
 * @param maxUploadBytes the largest message accepted for append or submission
 * @param maxBatchItems  the most messages one operation may name
 */
public record Limits(int maxPageSize, long maxUploadBytes, int maxBatchItems) {

    public Limits {
        if (maxPageSize < 1 || maxPageSize > PageRequest.MAX_SIZE || maxUploadBytes < 1 || maxBatchItems < 1) {
            throw new IllegalArgumentException("limits must be positive; page size at most " + PageRequest.MAX_SIZE);
        }
    }
}
