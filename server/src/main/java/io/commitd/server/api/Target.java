package io.commitd.server.api;

/** What a call asks for: a service and the name of one of its operations, as the wire spells it. */
public record Target<R>(ApiService<R> service, String operation) {}
