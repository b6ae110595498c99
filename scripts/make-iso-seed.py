#!/usr/bin/env python3
"""Regenerates PuqCloud.Core/Persistence/Seed/iso-codes.json from Debian's iso-codes package
(apt-get install iso-codes): ISO 3166-1 countries, ISO 3166-2 regions and ISO 4217 currency codes."""
import json, pathlib, subprocess

base = pathlib.Path('/usr/share/iso-codes/json')
countries = json.loads((base / 'iso_3166-1.json').read_text())['3166-1']
regions = json.loads((base / 'iso_3166-2.json').read_text())['3166-2']
currencies = json.loads((base / 'iso_4217.json').read_text())['4217']
version = subprocess.run(['dpkg-query', '-W', '-f=${Version}', 'iso-codes'], capture_output=True, text=True).stdout.split('-')[0]
seed = {
    'source': f'Debian iso-codes {version} (ISO 3166-1, ISO 3166-2, ISO 4217); regenerate with scripts/make-iso-seed.py',
    'countries': [[x['alpha_2'], x['alpha_3'], x['numeric'], x['name'], x.get('official_name')] for x in sorted(countries, key=lambda x: x['alpha_2'])],
    'regions': [[x['code'], x['name'], x['type']] for x in sorted(regions, key=lambda x: x['code'])],
    'currencies': [[x['alpha_3'], x['name']] for x in sorted(currencies, key=lambda x: x['alpha_3'])],
}
text = json.dumps(seed, ensure_ascii=False, separators=(',', ':')).replace('],[', '],\n[')
target = pathlib.Path(__file__).resolve().parent.parent / 'PuqCloud.Core' / 'Persistence' / 'Seed' / 'iso-codes.json'
target.write_text(text + '\n')
print(f'wrote {target}')
