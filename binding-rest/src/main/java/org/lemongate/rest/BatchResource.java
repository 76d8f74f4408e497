package org.lemongate.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lemongate.mapping.DeleteMode;
import org.lemongate.mapping.FlagChange;
import org.lemongate.mapping.Flags;
import org.lemongate.mapping.ItemResult;
import org.lemongate.mapping.MailAccount;
import org.lemongate.mapping.MailException;
import org.lemongate.mapping.MailboxName;
import org.lemongate.mapping.MessageRef;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/batch}: one operation on many messages, with a result per message. One message failing
 * (unknown, stale, malformed id) never fails the others.
 */
@Path("v1/batch")
@Produces(MediaType.APPLICATION_JSON)
public final class BatchResource {

    /**
     * The request.
     *
     * @param action    {@code flags}, {@code move}, {@code copy} or {@code delete}
     * @param ids       the messages, as ids from this API
     * @param mailbox   the target of a move or copy
     * @param permanent for delete: expunge for good instead of moving to Trash
     * @param flags     for flags: system flags to set (true) or clear (false)
     * @param keywords  for flags: keywords to set (true) or clear (false)
     */
    record Batch(String action, List<String> ids, String mailbox, Boolean permanent, Map<String, Boolean> flags,
                 Map<String, Boolean> keywords) {
    }

    /**
     * The outcome for one message, in the order of the request's ids.
     *
     * @param id       the id as the request gave it
     * @param status   the HTTP status this message alone would have had
     * @param newId    for move, copy and delete to Trash: where the message is now, when known
     * @param flags    for flags: the system flags now set
     * @param keywords for flags: the keywords now set
     * @param problem  what went wrong, for a failed message
     */
    record Outcome(String id, int status, String newId, List<String> flags, List<String> keywords, Problem problem) {

        /** The same outcome under the id exactly as the request spelled it. */
        Outcome as(String requestedId) {
            return new Outcome(requestedId, status, newId, flags, keywords, problem);
        }
    }

    /**
     * All outcomes.
     *
     * @param results one per requested id, in request order
     */
    record Results(List<Outcome> results) {
    }

    private static final ObjectMapper RESULTS = Json.mapper();

    @Context
    private HttpServletRequest request;

    /**
     * Runs the operation; 200 with one outcome per id. With an {@code Idempotency-Key}, a retry of a move, copy or
     * delete answers with the first attempt's results and does nothing again (flag changes are idempotent as they
     * are: a retry sets the same flags and reports them).
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response run(Batch batch) throws IOException {
        if (batch == null || batch.action() == null) {
            throw new MailException.InvalidInput("action", "send {\"action\": \"flags|move|copy|delete\", "
                    + "\"ids\": [...]} and what the action needs");
        }
        MailAccount account = Authentication.account(request);
        List<String> ids = batch.ids() == null ? List.of() : batch.ids();
        int max = account.limits().maxBatchItems();
        if (ids.isEmpty()) {
            throw new MailException.InvalidInput("ids", "name at least one message in 'ids'");
        }
        if (ids.size() > max) {
            throw new MailException.TooLarge("a batch may name at most " + max + " messages, this one names "
                    + ids.size(), max);
        }
        Operation operation = operation(batch);
        Optional<Idempotency> key = Idempotency.of(request.getHeader(Idempotency.HEADER), account.user(),
                Idempotency.BATCH);
        if (key.isEmpty() || batch.action().equals("flags")) {
            return Response.ok(execute(account, ids, operation)).build();
        }
        synchronized (key.get().lock()) {
            Optional<byte[]> earlier = BatchReceipts.find(account, key.get());
            if (earlier.isPresent()) {
                return Response.ok(earlier.get(), MediaType.APPLICATION_JSON_TYPE).build();
            }
            byte[] results = RESULTS.writeValueAsBytes(execute(account, ids, operation));
            BatchReceipts.keep(account, key.get(), results);
            return Response.ok(results, MediaType.APPLICATION_JSON_TYPE).build();
        }
    }

    private static Results execute(MailAccount account, List<String> ids, Operation operation) {
        List<Outcome> outcomes = new ArrayList<>(ids.size());
        List<MessageRef> refs = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (String id : ids) {
            try {
                refs.add(MessageIds.parse(id));
                positions.add(outcomes.size());
                outcomes.add(null);
            } catch (MailException e) {
                outcomes.add(failed(id, e));
            }
        }
        if (!refs.isEmpty()) {
            List<Outcome> done = operation.apply(account, refs);
            // The mapping layer answers in the order it was asked.
            for (int i = 0; i < done.size(); i++) {
                int at = positions.get(i);
                outcomes.set(at, done.get(i).as(ids.get(at)));
            }
        }
        return new Results(outcomes);
    }

    /** An action, checked before any message is touched. */
    private interface Operation {
        List<Outcome> apply(MailAccount account, List<MessageRef> refs);
    }

    private static Operation operation(Batch batch) {
        return switch (batch.action()) {
            case "flags" -> {
                FlagChange change = new FlagPatch(batch.flags(), batch.keywords()).toChange();
                yield (account, refs) -> account.changeFlags(refs, change).stream().map(BatchResource::flags).toList();
            }
            case "move", "copy" -> {
                if (batch.mailbox() == null) {
                    throw new MailException.InvalidInput("mailbox", "name the target in 'mailbox'");
                }
                MailboxName target = MailboxName.of(batch.mailbox());
                yield batch.action().equals("move")
                        ? (account, refs) -> account.move(refs, target).stream().map(BatchResource::placed).toList()
                        : (account, refs) -> account.copy(refs, target).stream().map(BatchResource::placed).toList();
            }
            case "delete" -> {
                DeleteMode mode = Boolean.TRUE.equals(batch.permanent()) ? DeleteMode.PERMANENT : DeleteMode.TO_TRASH;
                yield (account, refs) -> account.delete(refs, mode).stream().map(BatchResource::placed).toList();
            }
            default -> throw new MailException.InvalidInput("action",
                    "action must be flags, move, copy or delete, was '" + batch.action() + "'");
        };
    }

    private static Outcome flags(ItemResult<Flags> r) {
        String id = MessageIds.format(r.ref());
        if (r.error().isPresent()) {
            return failed(id, r.error().get());
        }
        Flags now = r.value().orElse(Flags.NONE);
        return new Outcome(id, 200, null, SummaryJson.flagNames(now), SummaryJson.keywordNames(now), null);
    }

    private static Outcome placed(ItemResult<MessageRef> r) {
        String id = MessageIds.format(r.ref());
        if (r.error().isPresent()) {
            return failed(id, r.error().get());
        }
        Optional<String> newId = r.value().map(MessageIds::format);
        return new Outcome(id, newId.isPresent() ? 201 : 204, newId.orElse(null), null, null, null);
    }

    private static Outcome failed(String id, MailException e) {
        Problem problem = MailProblems.problem(e);
        return new Outcome(id, problem.status(), null, null, null, problem);
    }
}
