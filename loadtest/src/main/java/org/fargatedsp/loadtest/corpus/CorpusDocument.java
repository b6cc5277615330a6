package org.fargatedsp.loadtest.corpus;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One bid request of the corpus before encoding.
 *
 * @param name           where it came from, such as {@code 2.5/mobile.json}
 * @param openrtbVersion the OpenRTB version sent in the {@code x-openrtb-version} header
 * @param json           the request; never modified once in a document
 * @param weight         relative share of the traffic
 */
public record CorpusDocument(String name, String openrtbVersion, ObjectNode json, int weight) {}
