package org.lemongate.rest;

import org.lemongate.mapping.MessageStructure;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One message: its summary and its MIME structure.
 *
 * @param summary   the fields a list shows, inlined
 * @param structure the MIME tree, each leaf linking to its decoded content
 */
record MessageJson(@JsonUnwrapped SummaryJson summary, PartJson structure) {

    static MessageJson of(MessageStructure message, ApiLinks links) {
        return new MessageJson(SummaryJson.of(message.summary(), links),
                PartJson.of(message.root(), message.summary().ref(), links));
    }
}
