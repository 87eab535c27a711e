package dev.storagedriver.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --include} and {@code --exclude}: which files a command takes, by glob, matched against each file's path
 * relative to the command's directory (for {@code ls /docs --include '*.txt'}, {@code /docs/a/b.txt} is {@code
 * a/b.txt}).
 *
 * <p>Globs: {@code *} matches within one segment, {@code **} across segments, {@code ?} one character, {@code
 * [abc]} / {@code [a-z]} / {@code [!abc]} one of a set, {@code {a,b}} either; a backslash escapes the next
 * character. A glob without {@code /} matches the name at any depth (as rclone: {@code '*.jpg'} selects jpgs in
 * every directory); a glob with {@code /} matches the whole relative path (a leading {@code /} anchors it to the
 * command's directory and may be left out).
 *
 * <p>Rules apply in the order given and the last one that matches decides (as in {@code aws s3}). A file no rule
 * matches is taken when the first rule is an {@code --exclude} (as in aws), and left out when the first rule is an
 * {@code --include} (so {@code --include '*.txt'} alone takes only text files, as in rclone). So {@code --exclude
 * 'logs/**' --include 'logs/keep.txt'} takes everything but logs, and logs/keep.txt; {@code --exclude '*'
 * --include '*.txt'} takes only text files.
 */
final class Selection {
  private record Rule(boolean include, String glob, Pattern pattern) {}

  private final List<Rule> rules = new ArrayList<>();

  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;
  private int includesSeen;
  private int excludesSeen;

  @Option(names = "--include", paramLabel = "GLOB", description = "Take files matching GLOB (repeatable). Rules "
      + "apply in order and the last match decides; when the first rule is an --include, files no rule matches are "
      + "left out. Without any rule: every file.")
  void include(List<String> globs) {
    includesSeen = addNew(true, globs, includesSeen);
  }

  @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out files matching GLOB (repeatable). "
      + "Rules apply in order and the last match decides; when the first rule is an --exclude, files no rule "
      + "matches are taken.")
  void exclude(List<String> globs) {
    excludesSeen = addNew(false, globs, excludesSeen);
  }

  /** picocli hands a repeated option's list so far on every occurrence: add only the new globs, in order. */
  private int addNew(boolean include, List<String> globs, int seen) {
    int size = globs == null ? 0 : globs.size();
    for (int i = seen; i < size; i++) {
      Pattern pattern;
      try {
        pattern = compile(globs.get(i));
      } catch (CliException e) {
        // as a usage error of the command line, or picocli reports the setter it could not invoke
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      rules.add(new Rule(include, globs.get(i), pattern));
    }
    return size;
  }

  /** Whether any rule was given. */
  boolean active() {
    return !rules.isEmpty();
  }

  /**
   * Whether the file at {@code relative} (its path below the command's directory, without a leading '/') is taken.
   *
   * @param relative for example {@code a/b.txt}
   * @return true if the last matching rule includes it, or no rule matches and the first rule is an exclude
   */
  boolean takes(String relative) {
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    Boolean decision = null;
    for (Rule rule : rules) {
      String subject = rule.glob.contains("/") ? relative : name;
      if (rule.pattern.matcher(subject).matches()) {
        decision = rule.include;
      }
    }
    return decision != null ? decision : rules.isEmpty() || !rules.get(0).include;
  }

  /** The file at absolute {@code path} below {@code directory}: is it taken? */
  boolean takes(String directory, String path) {
    String relative = directory.equals("/") ? path.substring(1) : path.substring(Math.min(path.length(),
        directory.length() + 1));
    return takes(relative.isEmpty() ? path.substring(path.lastIndexOf('/') + 1) : relative);
  }

  /** The glob as a regular expression over a relative path. */
  static Pattern compile(String glob) {
    String g = glob.startsWith("/") ? glob.substring(1) : glob;
    StringBuilder re = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < g.length(); i++) {
      char c = g.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
            i++;
            if (i + 1 < g.length() && g.charAt(i + 1) == '/') {
              i++;
              re.append("(?:.*/)?"); // "**/" also matches no directory at all
            } else {
              re.append(".*");
            }
          } else {
            re.append("[^/]*");
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int end = g.indexOf(']', i + 2);
          if (end < 0) {
            re.append("\\[");
          } else {
            String set = g.substring(i + 1, end);
            if (set.startsWith("!")) {
              set = "^" + set.substring(1);
            }
            re.append('[').append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
            i = end;
          }
        }
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces > 0) {
            braces--;
            re.append(')');
          } else {
            re.append("\\}");
          }
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        case '\\' -> {
          if (i + 1 < g.length()) {
            re.append(Pattern.quote(String.valueOf(g.charAt(++i))));
          } else {
            re.append("\\\\");
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces > 0) {
      throw new CliException(ExitCodes.USAGE, "glob " + Main.printable(glob) + ": unclosed '{'");
    }
    try {
      return Pattern.compile(re.toString(), Pattern.DOTALL);
    } catch (PatternSyntaxException e) {
      // a set the regular expression refuses, e.g. a reversed range [z-a]
      throw new CliException(ExitCodes.USAGE, "glob " + Main.printable(glob) + ": " + e.getDescription(), e);
    }
  }
}
