package org.lvsmon.config;

/**
 * Parses the arguments of one of lvsmon's own mon.cf keywords into a typed value.
 *
 * @param <T> the value type stored under the keyword's {@link Extensions.Key}
 */
@FunctionalInterface
public interface ExtensionParser<T> {
  T parse(String args, KeywordContext ctx) throws BadValueException;
}
