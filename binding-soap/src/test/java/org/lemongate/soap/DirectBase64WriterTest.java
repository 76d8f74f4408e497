package org.lemongate.soap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;

import jakarta.activation.DataHandler;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.Marshaller;

import org.apache.cxf.attachment.ByteDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.jvnet.staxex.Base64Data;
import org.jvnet.staxex.NamespaceContextEx;
import org.lemongate.soap.wire.Content;
import org.lemongate.soap.wire.GetMessageMimeResponse;

/**
 * The writer with the real JAXB runtime and the real XML writer CXF uses (Woodstox): JAXB takes the binary path
 * through it, and the document is byte for byte the one JAXB writes without it, onto the XML writer or, as CXF has
 * it do for replies without this writer, straight onto the byte stream.
 */
class DirectBase64WriterTest {

    private static final XMLOutputFactory XML = XMLOutputFactory.newInstance();
    private static final JAXBContext WIRE = wireContext();

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 1000, Base64Stream.CHUNK - 1, Base64Stream.CHUNK, Base64Stream.CHUNK + 1,
        2 * Base64Stream.CHUNK + 2, 100 * 1024})
    void jaxbWritesTheSameDocumentThroughTheBinaryPath(int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        byte[] plain = marshal(data, false);
        byte[] direct = marshal(data, true);
        assertEquals(new String(plain, StandardCharsets.UTF_8), new String(direct, StandardCharsets.UTF_8));
        assertArrayEquals(plain, direct);
        assertEquals(new String(streamed(data), StandardCharsets.UTF_8),
                new String(direct, StandardCharsets.UTF_8).replaceFirst("^<\\?xml[^>]*>", ""));
    }

    @Test
    void jaxbHandsItTheContentInsteadOfText() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XMLStreamWriter xml = XML.createXMLStreamWriter(bytes, "UTF-8");
        DirectBase64Writer writer = new DirectBase64Writer(xml, bytes);
        marshaller().marshal(response(new byte[] {1, 2, 3, 4, 5}), writer);
        assertEquals(5, writer.contentBytesWritten(), "JAXB took its text path: is stax-ex on the class path?");
    }

    @Test
    void theStreamAndPcdataFormsWriteBase64Too() throws Exception {
        byte[] data = new byte[Base64Stream.CHUNK + 7];
        new Random(3).nextBytes(data);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DirectBase64Writer writer = new DirectBase64Writer(XML.createXMLStreamWriter(bytes, "UTF-8"), bytes);
        writer.writeStartDocument("UTF-8", "1.0");
        writer.writeStartElement("r");
        writer.writeStartElement("d");
        try (OutputStream out = writer.writeBinary("application/octet-stream")) {
            out.write(data, 0, 10);
            out.write(data[10]);
            out.write(data, 11, data.length - 11);
        }
        writer.writeEndElement();
        writer.writeStartElement("p");
        Base64Data pcdata = new Base64Data();
        pcdata.set(data, 5, "application/octet-stream");
        writer.writePCDATA(pcdata);
        writer.writeEndElement();
        writer.writeStartElement("t");
        writer.writePCDATA("a < b");
        writer.writeEndElement();
        writer.writeEndElement();
        writer.writeEndDocument();
        writer.close();
        String b64 = java.util.Base64.getEncoder().encodeToString(data);
        String five = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(data, 5));
        assertEquals("<?xml version='1.0' encoding='UTF-8'?><r><d>" + b64 + "</d><p>" + five + "</p><t>a &lt; b</t></r>",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theNamespaceContextListsTheBindingsInScope() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DirectBase64Writer writer = new DirectBase64Writer(XML.createXMLStreamWriter(bytes, "UTF-8"), bytes);
        writer.writeStartElement("s", "Envelope", "urn:s");
        writer.writeNamespace("s", "urn:s");
        writer.setPrefix("s", "urn:s");
        writer.writeStartElement("", "a", "urn:m");
        writer.writeDefaultNamespace("urn:m");
        writer.setDefaultNamespace("urn:m");
        writer.writeEmptyElement("x", "e", "urn:x");
        writer.writeNamespace("x", "urn:x");
        writer.writeStartElement("", "b", "urn:m");
        assertEquals(Map.of("s", "urn:s", "", "urn:m"), bindings(writer.getNamespaceContext()),
                "the empty element's declaration ended with it");
        assertEquals("urn:s", writer.getNamespaceContext().getNamespaceURI("s"));
        assertEquals("s", writer.getNamespaceContext().getPrefix("urn:s"));
        writer.writeEndElement();
        writer.writeEndElement();
        assertEquals(Map.of("s", "urn:s"), bindings(writer.getNamespaceContext()));
        writer.writeEndElement();
        writer.writeEndDocument();
        assertFalse(writer.getNamespaceContext().iterator().hasNext());
        writer.close();
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("<x:e xmlns:x=\"urn:x\"/>"));
    }

    private static Map<String, String> bindings(NamespaceContextEx context) {
        Map<String, String> all = new HashMap<>();
        for (Iterator<NamespaceContextEx.Binding> i = context.iterator(); i.hasNext(); ) {
            NamespaceContextEx.Binding b = i.next();
            assertTrue(all.put(b.getPrefix(), b.getNamespaceURI()) == null, "each prefix once");
        }
        return all;
    }

    private static byte[] marshal(byte[] data, boolean direct) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        XMLStreamWriter xml = XML.createXMLStreamWriter(bytes, "UTF-8");
        XMLStreamWriter writer = direct ? new DirectBase64Writer(xml, bytes) : xml;
        writer.writeStartDocument("UTF-8", "1.0");
        marshaller().marshal(response(data), writer);
        writer.writeEndDocument();
        writer.close();
        return bytes.toByteArray();
    }

    /** What JAXB writes onto a byte stream, the way CXF marshals a reply's body unless told otherwise. */
    private static byte[] streamed(byte[] data) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        marshaller().marshal(response(data), bytes);
        return bytes.toByteArray();
    }

    private static GetMessageMimeResponse response(byte[] data) {
        Content content = new Content();
        content.setContentType("message/rfc822");
        content.setOffset(0);
        content.setTotalLength((long) data.length);
        content.setData(new DataHandler(new ByteDataSource(data, "application/octet-stream")));
        GetMessageMimeResponse response = new GetMessageMimeResponse();
        response.setContent(content);
        return response;
    }

    private static Marshaller marshaller() throws Exception {
        Marshaller marshaller = WIRE.createMarshaller();
        marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
        return marshaller;
    }

    private static JAXBContext wireContext() {
        try {
            return JAXBContext.newInstance(GetMessageMimeResponse.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
