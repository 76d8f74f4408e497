package org.lemongate.soap;

import java.util.Optional;
import java.util.Set;

import javax.xml.namespace.QName;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.phase.Phase;
import org.lemongate.mapping.Credentials;
import org.lemongate.mapping.MailException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads WS-Security UsernameToken credentials (OASIS UsernameToken Profile 1.0, PasswordText only: IMAP needs the
 * password itself, so a digest cannot be passed on) from a {@code wsse:Security} header, for clients that
 * authenticate in the envelope rather than with HTTP Basic. Declaring the header understood lets clients mark it
 * {@code mustUnderstand}. What it finds is left on the exchange for {@link Authentication}; a malformed token
 * becomes an AUTH_FAILED fault there, inside the operation, like any other credential problem.
 */
final class UsernameToken extends AbstractSoapInterceptor {

    static final String WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    static final String PASSWORD_TEXT =
            "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    private static final QName SECURITY = new QName(WSSE, "Security");
    private static final String FOUND = UsernameToken.class.getName() + ".credentials";

    UsernameToken() {
        super(Phase.PRE_PROTOCOL);
    }

    @Override
    public Set<QName> getUnderstoodHeaders() {
        return Set.of(SECURITY);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Header header = message.getHeader(SECURITY);
        if (header != null && header.getObject() instanceof Element security) {
            message.getExchange().put(FOUND, new Found(security));
        }
    }

    /**
     * The UsernameToken credentials of the exchange's request, if it carried a {@code wsse:Security} header.
     *
     * @throws MailException.AuthFailed when the header holds no usable UsernameToken
     */
    static Optional<Credentials> of(Exchange exchange, String clientAddress) {
        Found found = exchange == null ? null : (Found) exchange.get(FOUND);
        return found == null ? Optional.empty() : Optional.of(found.credentials(clientAddress));
    }

    /** The header as received; read only when the operation asks, so its errors surface as typed faults. */
    private record Found(Element security) {

        Credentials credentials(String clientAddress) {
            Element token = child(security, "UsernameToken");
            Element user = token == null ? null : child(token, "Username");
            Element password = token == null ? null : child(token, "Password");
            if (user == null || password == null) {
                throw new MailException.AuthFailed(
                        "the wsse:Security header has no UsernameToken with a Username and a Password");
            }
            String type = password.getAttribute("Type");
            if (!type.isEmpty() && !type.equals(PASSWORD_TEXT)) {
                throw new MailException.AuthFailed("the UsernameToken's password must be PasswordText: the mail "
                        + "server needs the password itself, which a digest does not reveal");
            }
            return Credentials.password(user.getTextContent().strip(), password.getTextContent(), clientAddress);
        }

        private static Element child(Element parent, String localName) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && WSSE.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                    return e;
                }
            }
            return null;
        }
    }
}
