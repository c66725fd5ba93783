package io.commitd.server.query;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An element of a Query-protocol answer: text, or children in order. Lists are written as
 * {@code <member>} children, as botocore's Query parser expects; timestamps in ISO 8601.
 */
public final class XmlNode {
  private final List<Child> children = new ArrayList<>();

  private record Child(String name, Object value) {}

  public static XmlNode node() {
    return new XmlNode();
  }

  /** Adds {@code <name>value</name>}; a null value adds nothing. */
  public XmlNode add(String name, Object value) {
    if (value != null) {
      children.add(new Child(name, value));
    }
    return this;
  }

  /** Adds {@code <name><member>…</member>…</name>}. */
  public XmlNode addList(String name, List<?> members) {
    children.add(new Child(name, new Members(List.copyOf(members))));
    return this;
  }

  private record Members(List<?> items) {}

  void write(XMLStreamWriter xml) throws XMLStreamException {
    for (Child child : children) {
      xml.writeStartElement(child.name());
      writeValue(xml, child.value());
      xml.writeEndElement();
    }
  }

  private static void writeValue(XMLStreamWriter xml, Object value) throws XMLStreamException {
    if (value instanceof XmlNode node) {
      node.write(xml);
    } else if (value instanceof Members members) {
      for (Object item : members.items()) {
        xml.writeStartElement("member");
        writeValue(xml, item);
        xml.writeEndElement();
      }
    } else if (value instanceof Instant instant) {
      xml.writeCharacters(DateTimeFormatter.ISO_INSTANT.format(instant));
    } else {
      xml.writeCharacters(String.valueOf(value));
    }
  }
}
