package org.lvsmon.ipvs.ipvsadm;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A fake ipvsadm: records each call's arguments and stdin, and answers from a queue. */
final class ScriptedIpvsadm implements IpvsadmRunner {
  final List<String> calls = new ArrayList<>();
  final List<String> stdins = new ArrayList<>();
  private final Deque<Object> answers = new ArrayDeque<>();

  ScriptedIpvsadm answer(int exit, String stdout, String stderr) {
    answers.add(new Output(exit, stdout, stderr));
    return this;
  }

  ScriptedIpvsadm ok(String stdout) {
    return answer(0, stdout, "");
  }

  ScriptedIpvsadm fail(Exception e) {
    answers.add(e);
    return this;
  }

  @Override
  public Output run(List<String> args, String stdin) throws IOException, TimedOut {
    calls.add(String.join(" ", args));
    stdins.add(stdin);
    Object a = answers.isEmpty() ? new Output(0, "", "") : answers.removeFirst();
    if (a instanceof IOException e) {
      throw e;
    }
    if (a instanceof TimedOut e) {
      throw e;
    }
    return (Output) a;
  }

  @Override
  public String program() {
    return "/usr/sbin/ipvsadm";
  }
}
