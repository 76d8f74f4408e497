package org.lemongate.soap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;

import org.jvnet.staxex.NamespaceContextEx;

/**
 * The namespace bindings in scope at the current point of a document being written, for
 * {@link DirectBase64Writer#getNamespaceContext()}. Lookups go to the underlying writer's own context, which is what
 * the writer will actually write; this class adds what {@link NamespaceContextEx} asks for beyond that, the list of
 * bindings in scope, which it learns from the declarations it is told about, element by element.
 */
final class WrittenNamespaces implements NamespaceContextEx {

    private final Supplier<NamespaceContext> lookups;
    private final List<Binding> declared = new ArrayList<>();
    /** Per open element, how many of {@link #declared} were in scope before it. */
    private int[] scopes = new int[16];
    private int depth;
    private NamespaceContext root;

    /** @param lookups the underlying writer's current context, where name lookups go */
    WrittenNamespaces(Supplier<NamespaceContext> lookups) {
        this.lookups = lookups;
    }

    /** An element starts: declarations from now on are its own until {@link #endElement()}. */
    void startElement() {
        if (depth == scopes.length) {
            scopes = Arrays.copyOf(scopes, depth * 2);
        }
        scopes[depth++] = declared.size();
    }

    /** The innermost element ends, and its declarations go out of scope. */
    void endElement() {
        if (depth > 0) {
            int before = scopes[--depth];
            declared.subList(before, declared.size()).clear();
        }
    }

    /** {@code prefix} (empty for the default namespace) is bound to {@code uri} in the innermost element. */
    void declare(String prefix, String uri) {
        declared.add(new Declared(prefix == null ? XMLConstants.DEFAULT_NS_PREFIX : prefix,
                uri == null ? XMLConstants.NULL_NS_URI : uri));
    }

    /** The context the document starts from, as given to the writer's {@code setNamespaceContext}. */
    void root(NamespaceContext context) {
        root = context;
    }

    /** The document ended: nothing is in scope any more. */
    void endDocument() {
        declared.clear();
        depth = 0;
    }

    @Override
    public String getNamespaceURI(String prefix) {
        return lookups.get().getNamespaceURI(prefix);
    }

    @Override
    public String getPrefix(String namespaceURI) {
        return lookups.get().getPrefix(namespaceURI);
    }

    @Override
    public Iterator<String> getPrefixes(String namespaceURI) {
        return lookups.get().getPrefixes(namespaceURI);
    }

    /** The bindings in scope, innermost first, each prefix once (an inner declaration hides an outer one). */
    @Override
    public Iterator<Binding> iterator() {
        List<Binding> inScope = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = declared.size() - 1; i >= 0; i--) {
            Binding binding = declared.get(i);
            if (seen.add(binding.getPrefix())) {
                inScope.add(binding);
            }
        }
        if (root instanceof NamespaceContextEx rootBindings) {
            for (Binding binding : rootBindings) {
                if (seen.add(binding.getPrefix())) {
                    inScope.add(binding);
                }
            }
        }
        return inScope.iterator();
    }

    private record Declared(String prefix, String namespaceURI) implements Binding {
        @Override
        public String getPrefix() {
            return prefix;
        }

        @Override
        public String getNamespaceURI() {
            return namespaceURI;
        }
    }
}
