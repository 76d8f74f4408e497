package org.lemongate.mapping;

/**
 * A mailbox address as shown to users: display name (decoded, may be empty) and the address itself.
 *
 * @param name  the decoded display name, or an empty string
 * @param email the address, e.g. {@code ann@example.org}; empty for an undisclosed-recipients group
 */
public record Address(String name, String email) {

    public Address {
        name = name == null ? "" : name;
        email = email == null ? "" : email;
    }

    /** The address in RFC 5322 display form, for logs and plain-text renderings. */
    @Override
    public String toString() {
        return name.isEmpty() ? email : name + " <" + email + ">";
    }
}
