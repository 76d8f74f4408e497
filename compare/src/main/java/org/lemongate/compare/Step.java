package org.lemongate.compare;

/** The workload's steps, in the order a mobile client's day runs them. */
public enum Step {
    INITIAL_SYNC("initial sync", "folders with counts, then the summaries of every message"),
    OPEN("open 20", "read 20 messages"),
    ATTACHMENT("attachment, cut and resumed", "the large attachment, connection cut halfway, resumed from there"),
    FLAG("flag 20", "set \\Flagged on 20 messages"),
    MOVE("move 5", "move 5 messages to another folder"),
    DELETE("delete 5", "delete 5 messages for good"),
    SEND("send 2", "send 2 messages (and keep a copy in Sent)"),
    PUSH("receive 10 by push", "10 new messages arrive; the client learns of each by push"),
    INCREMENTAL_SYNC("incremental sync", "bring the listing up to date after the changes");

    private final String title;
    private final String description;

    Step(String title, String description) {
        this.title = title;
        this.description = description;
    }

    /** A short name for tables. */
    public String title() {
        return title;
    }

    /** What the step does, in a sentence. */
    public String description() {
        return description;
    }
}
