package org.lemongate.soap;

import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Set;

import javax.xml.stream.XMLStreamWriter;

import org.apache.cxf.interceptor.AbstractOutDatabindingInterceptor;
import org.apache.cxf.interceptor.StaxOutInterceptor;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.jvnet.staxex.XMLStreamWriterEx;

/**
 * Writes the replies that carry inline content through a {@link DirectBase64Writer}, so that the content is encoded
 * with the JDK's base64 encoder straight into the reply's bytes (ADR 0025). For the ports without MTOM only: on the
 * MTOM port content leaves as attachments and the XML carries only their references.
 *
 * <p>Left alone, CXF hands JAXB the reply's byte stream for the body, and JAXB encodes base64 there three bytes a
 * step into a 1 KiB buffer: for a 100 KB message about ten times the JDK encoder's time. So for these replies the
 * interceptor switches that shortcut off, which makes CXF marshal the body onto the XML writer, and puts the
 * binary-aware writer in front of it. Every other reply keeps the shortcut, which is the faster way for plain XML.
 *
 * <p>Installed only where it is sure to write the right bytes: when CXF made the XML writer over a byte stream (not
 * over a character writer, and without a start document written ahead) and the reply's encoding writes base64's
 * characters as the same single bytes as ASCII. Otherwise the reply is written as before.
 */
final class DirectBase64 extends AbstractPhaseInterceptor<Message> {

    /** The operations whose replies carry a {@code Content}, as the contract names them. */
    static final Set<String> CONTENT_OPERATIONS = Set.of("GetMessageMime", "GetAttachment");

    private static final Set<Charset> ASCII_COMPATIBLE = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
            StandardCharsets.ISO_8859_1);

    DirectBase64() {
        super(Phase.PRE_STREAM);
        addAfter(StaxOutInterceptor.class.getName());
    }

    @Override
    public void handleMessage(Message message) {
        XMLStreamWriter xml = message.getContent(XMLStreamWriter.class);
        OutputStream bytes = message.getContent(OutputStream.class);
        if (xml == null || xml instanceof XMLStreamWriterEx || bytes == null || !carriesContent(message)
                || !asciiCompatible((String) message.get(Message.ENCODING))) {
            return;
        }
        message.put(AbstractOutDatabindingInterceptor.DISABLE_OUTPUTSTREAM_OPTIMIZATION, Boolean.TRUE);
        message.setContent(XMLStreamWriter.class, new DirectBase64Writer(xml, bytes));
    }

    private static boolean carriesContent(Message message) {
        Exchange exchange = message.getExchange();
        BindingOperationInfo operation = exchange == null ? null : exchange.getBindingOperationInfo();
        return operation != null && CONTENT_OPERATIONS.contains(operation.getName().getLocalPart());
    }

    /** CXF writes UTF-8 unless the request asked for another encoding. */
    static boolean asciiCompatible(String encoding) {
        if (encoding == null) {
            return true;
        }
        try {
            return ASCII_COMPATIBLE.contains(Charset.forName(encoding));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return false;
        }
    }
}
