package org.lemongate.rest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lemongate.rest.ProblemAssertions.assertProblem;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/**
 * Repeated wrong passwords end in 429 with Retry-After. A class of its own: the limiter it trips belongs to this
 * class's gateway and would refuse every other test's logins from the same address.
 */
class LoginThrottleApiTest extends LiveApi {

    @Test
    void repeatedFailuresAreRateLimited() throws Exception {
        User ann = newUser();
        HttpResponse<String> last = null;
        for (int i = 0; i < 10; i++) {
            last = http.send(http.request("api/v1/mailboxes", ann.name(), "wrong-" + i));
            if (last.statusCode() == 429) {
                break;
            }
            assertProblem(last, 401, "auth-failed");
        }
        assertProblem(last, 429, "rate-limited");
        assertTrue(Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }
}
