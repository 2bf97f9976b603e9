/**
 * What a cassette holds and how a request becomes its key: immutable records, RFC 8785 canonical
 * JSON, redaction, secret scanning, masking of what the proxy prints, miss diagnostics, the shape
 * of an answer and the drift between a recording and a live answer, and the format-1 file codec.
 * No Netty here.
 */
package dev.vcrproxy.cassette;
