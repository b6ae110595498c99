#!/usr/bin/env python3
"""Polish texts of the console (PuqCloud.Web/Resources/SharedResource.pl.resx).

  scripts/translations.py missing              list texts used in .razor files (L["..."]) that have no Polish yet
  scripts/translations.py add FILE.json        add or replace entries from a JSON object {"English": "Polski", ...}
  scripts/translations.py normalize            sort the file and drop repeated keys (after a line-wise merge)
  scripts/translations.py prune                drop (and list) translations no text uses any more

Keys are the English texts; the file is kept sorted so that changes merge line by line.
"""
import json, pathlib, re, sys
from xml.sax.saxutils import escape, unescape

root = pathlib.Path(__file__).resolve().parent.parent
resx = root / 'PuqCloud.Web' / 'Resources' / 'SharedResource.pl.resx'
HEADER = resx.read_text().split('  <data ')[0].rstrip() + '\n' if resx.exists() else ''
entry = re.compile(r'  <data name="(.*?)" xml:space="preserve"><value>(.*?)</value></data>')

def load():
    return {unescape(k, {'&quot;': '"'}): unescape(v) for k, v in entry.findall(resx.read_text())}

def save(entries):
    lines = [f'  <data name="{escape(k, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(v)}</value></data>' for k, v in sorted(entries.items())]
    resx.write_text(HEADER + '\n'.join(lines) + '\n</root>\n')

def used():
    keys = set()
    for f in (root / 'PuqCloud.Web' / 'Components').rglob('*'):
        if f.suffix in ('.razor', '.cs'):
            keys.update(m.replace('\\"', '"') for m in re.findall(r'\b[Ll]\["((?:[^"\\]|\\.)*)"\]', f.read_text()))
    return keys

if __name__ == '__main__':
    if len(sys.argv) >= 2 and sys.argv[1] == 'missing':
        for key in sorted(used() - load().keys()):
            print(key)
    elif len(sys.argv) == 2 and sys.argv[1] == 'normalize':
        counts = {}
        for k, _ in entry.findall(resx.read_text()):
            counts[k] = counts.get(k, 0) + 1
        for k, n in sorted(counts.items()):
            if n > 1:
                print(f'repeated {n}x: {k}')
        save(load())
    elif len(sys.argv) == 2 and sys.argv[1] == 'prune':
        entries, keep = load(), used()
        for key in sorted(entries.keys() - keep):
            print(f'stale: {key}')
        save({k: v for k, v in entries.items() if k in keep})
    elif len(sys.argv) == 3 and sys.argv[1] == 'add':
        entries = load()
        entries.update(json.loads(pathlib.Path(sys.argv[2]).read_text()))
        save(entries)
    else:
        print(__doc__)
        sys.exit(2)
