#!/usr/bin/env python3
"""Checks that methods generated from a kernel template compile to the bytecode of the
hand-written methods they replace (see docs/ARCHITECTURE.md, "Generated kernel families").

    compare_bytecode.py OLD_CLASSPATH OLD_CLASS NEW_CLASSPATH NEW_CLASS [--methods REGEX]
                        [--rename OLD_TEXT=NEW_TEXT ...] [--old-name NEW_METHOD=OLD_METHOD ...]

Classpaths are folders or jars (e.g. bench/target/benchmarks.jar of the commit before and after).
For each method of NEW_CLASS matching REGEX, the method of OLD_CLASS with the same name (or the
--old-name it had) and parameter types is disassembled with `javap -c -p` and both are normalised:
constant-pool indices, bytecode offsets (branch targets become instruction numbers), ldc/ldc_w and
whitespace are ignored, and each --rename is applied to the old text (a field renamed from FS to S,
a message naming the old method). Prints SAME or DIFF (with the differing lines) per method;
exits 1 if any method differs or has no counterpart.
"""
import argparse, difflib, os, re, shutil, subprocess, sys


def javap():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "javap")):
        return os.path.join(home, "bin", "javap")
    return shutil.which("javap") or sys.exit("javap not found: set JAVA_HOME")


def methods(classpath, cls):
    out = subprocess.run([javap(), "-c", "-p", "-cp", classpath, cls], capture_output=True, text=True, check=True).stdout
    found, name = {}, None
    for line in out.splitlines():
        m = re.match(r"^  (\S.*\));$", line)
        if m:
            name = m.group(1)
            found[name] = []
        elif re.match(r"^  static \{\};$", line):
            name = None
        elif name and line.startswith("    ") and line.strip() != "Code:":
            found[name].append(line)
    return found


def normalise(lines, renames):
    index = {}
    for k, line in enumerate(lines):
        m = re.match(r"^\s*(\d+): ", line)
        if m:
            index[m.group(1)] = k
    result = []
    for line in lines:
        line = re.sub(r"^(\s*\d+: (?:if\w*|goto))\s+(\d+)",
                      lambda m: m.group(1) + " L" + str(index.get(m.group(2), "?" + m.group(2))), line)
        line = re.sub(r"^\s*(\d+): ", "", line).replace("ldc_w ", "ldc ")
        line = re.sub(r"#\d+(, \d+)?", "#", line)
        for old, new in renames:
            line = line.replace(old, new)
        result.append(re.sub(r"\s+", " ", line.strip()))
    return result


def simple_name(signature):
    return signature.split("(")[0].split()[-1].split(".")[-1]


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("old_classpath"); p.add_argument("old_class")
    p.add_argument("new_classpath"); p.add_argument("new_class")
    p.add_argument("--methods", default=".")
    p.add_argument("--rename", action="append", default=[])
    p.add_argument("--old-name", action="append", default=[])
    a = p.parse_args()
    renames = [tuple(r.split("=", 1)) for r in a.rename]
    old_names = dict(r.split("=", 1) for r in a.old_name)
    old, new = methods(a.old_classpath, a.old_class), methods(a.new_classpath, a.new_class)
    failed = False
    for sig, body in new.items():
        if not re.search(a.methods, sig) or simple_name(sig) == a.new_class.split(".")[-1].split("$")[-1]:
            continue  # constructors differ by class name by nature
        want = old_names.get(simple_name(sig), simple_name(sig))
        match = [o for o in old if simple_name(o) == want and o.split("(", 1)[1] == sig.split("(", 1)[1]]
        if not match:
            print("MISSING " + sig)
            failed = True
            continue
        before, after = normalise(old[match[0]], renames), normalise(body, [])
        if before == after:
            print(f"SAME {sig}  ({len(after)} instructions)")
        else:
            failed = True
            print(f"DIFF {sig}")
            for d in list(difflib.unified_diff(before, after, lineterm="", n=0))[2:42]:
                print("    " + d)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
