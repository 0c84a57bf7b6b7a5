#!/usr/bin/env python3
"""Maintenance for Corpus/mapping (development only; the app never runs this).

  python3 Corpus/mapping/mapping_tools.py agencies   # rewrite accreditors.tsv from DAPIP
  python3 Corpus/mapping/mapping_tools.py check      # validate both tables, report coverage

Reads ../shared/data (DAPIP, CIP 2020, IPEDS C2022_A) beside the project.
"""
import csv, collections, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'shared', 'data'))

# Short names: the acronym people use, uppercase letters, digits and '-'; one per agency.
SHORT = {
    1: 'MSCHE', 2: 'NECHE', 3: 'NEASC-CTCI', 4: 'HLC', 5: 'NCA-CASI', 6: 'NWCCU', 7: 'SACSCOC',
    8: 'ACCJC', 9: 'ACS-WASC', 10: 'WSCUC', 11: 'MSCSS', 12: 'ACCET', 13: 'ABHE', 14: 'AARTS',
    15: 'ACCSC', 16: 'ACICS', 17: 'NACCAS', 18: 'DEAC', 19: 'TRACS', 20: 'NY-REGENTS', 21: 'COE',
    22: 'COMTA', 23: 'ABHES', 24: 'COA', 25: 'ABA', 26: 'ABFSE', 27: 'ACEND', 28: 'CPME', 29: 'ATS',
    30: 'CCE', 31: 'ACAOM', 32: 'NASAD', 33: 'NASD', 34: 'NASM', 35: 'NAST', 36: 'ACEN', 37: 'AALE',
    38: 'MACTE', 39: 'JRCERT', 40: 'MEAC', 41: 'CAHME', 42: 'COAMFTE', 43: 'ACME', 44: 'ACPE',
    45: 'CODA', 46: 'LCME', 47: 'ACOE', 48: 'COCA', 49: 'CAPTE', 50: 'APA', 51: 'ASHA-CAA',
    52: 'AVMA-COE', 53: 'ACPE-CPE', 55: 'CEPH', 56: 'CNME', 57: 'NCATE', 58: 'NPWH', 59: 'ACOTE',
    60: 'JRCNMT', 61: 'CCNE', 62: 'CEA', 63: 'TEAC', 65: 'OK-CTE', 67: 'PA-CTE', 68: 'PR-VTE',
    70: 'MD-BON', 71: 'MO-BON', 73: 'NY-REGENTS-NURSING', 75: 'AIJS',
}
INSTITUTIONAL = 'Institutional Accreditation'
KEPT = {'Accredited', 'Preaccredited'}
LEVELS = ['certificate', 'associate', 'bachelor', 'postbacc-certificate', 'master', 'postmaster-certificate', 'doctorate']
AWLEVEL = {1: 0, 2: 0, 4: 0, 20: 0, 21: 0, 3: 1, 5: 2, 6: 3, 7: 4, 8: 5, 9: 6, 17: 6, 18: 6, 19: 6}


def clean_name(name):
    """Trims, collapses spaces, and drops a trailing ' – <date> …' suffix."""
    name = re.sub(r'\s+', ' ', name.strip())
    name = re.sub(r'\s*[–-]\s*(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s*\d{4}.*$', '', name)
    return name


def records():
    with open(os.path.join(DATA, 'dapip', 'AccreditationRecords.csv'), encoding='utf-8-sig') as f:
        return list(csv.DictReader(f))


def agencies():
    names, kinds = {}, collections.defaultdict(set)
    for r in records():
        a = int(r['AgencyId'])
        names.setdefault(a, clean_name(r['AgencyName']))
        kinds[a].add('institutional' if r['ProgramName'].strip() == INSTITUTIONAL else 'programmatic')
    missing = sorted(set(names) - set(SHORT))
    if missing:
        sys.exit(f'no short name for agency ids {missing}')
    shorts = [SHORT[a] for a in names]
    assert len(set(shorts)) == len(shorts), 'short names must be unique'
    with open(os.path.join(HERE, 'accreditors.tsv'), 'w', encoding='utf-8') as f:
        f.write('agency_id\tshort_name\tkind\tagency_name\n')
        for a in sorted(names):
            k = kinds[a]
            kind = 'both' if len(k) == 2 else next(iter(k))
            f.write(f'{a}\t{SHORT[a]}\t{kind}\t{names[a]}\n')
    print(f'wrote {len(names)} agencies')


def read_tsv(name):
    with open(os.path.join(HERE, name), encoding='utf-8') as f:
        lines = f.read().split('\n')
    return [l.split('\t') for l in lines[1:] if l]


def check():
    valid = set()
    with open(os.path.join(DATA, 'cip', 'CIPCode2020.csv'), encoding='utf-8-sig') as f:
        for r in csv.DictReader(f):
            if r['Action'] not in ('Deleted', 'Moved from'):
                valid.add(r['CIPCode'].strip().strip('="'))
    agencies = {int(r[0]): r for r in read_tsv('accreditors.tsv')}
    rules = {}
    for r in read_tsv('program-accreditation.tsv'):
        a, name, cips, levels = int(r[0]), r[1], r[2], r[3]
        assert a in agencies, a
        prefixes = [p for p in cips.split(';') if p]
        for p in prefixes:
            assert p in valid, f'{p} is not a CIP 2020 code or prefix ({name})'
        lv = set(range(7)) if levels == '*' else {LEVELS.index(x) for x in levels.split(';') if x}
        rules[(a, name)] = (prefixes, lv)

    unitids, parent = {}, {}
    with open(os.path.join(DATA, 'dapip', 'InstitutionCampus.csv'), encoding='utf-8-sig') as f:
        for r in csv.DictReader(f):
            unitids[r['DapipId']] = [u.strip() for u in r['IpedsUnitIds'].split(',') if u.strip()]
            parent[r['DapipId']] = r['ParentDapipId'].strip()

    def ids(dapip):
        own = unitids.get(dapip, [])
        if own:
            return own
        p = parent.get(dapip, '')
        return unitids.get(p, []) if p and p != '-' else []

    programs = collections.defaultdict(list)
    with open(os.path.join(DATA, 'ipeds', 'c2022_a_majornum1.csv'), encoding='utf-8-sig') as f:
        for r in csv.DictReader(f):
            lv = AWLEVEL.get(int(r['AWLEVEL']))
            if lv is not None and len(r['CIPCODE']) == 7:
                programs[r['UNITID']].append((r['CIPCODE'], lv))

    per = collections.defaultdict(lambda: [0, 0, 0, 0])  # records, with unitid, mapped, hit
    total = [0, 0, 0, 0]
    for r in records():
        name = r['ProgramName'].strip()
        if name == INSTITUTIONAL or r['AccreditationStatus'] not in KEPT:
            continue
        key = (int(r['AgencyId']), name)
        prefixes, lv = rules[key]
        u = ids(r['DapipId'])
        hit = any(c.startswith(p) and l in lv for x in u for (c, l) in programs.get(x, []) for p in prefixes)
        row = [1, int(bool(u)), int(bool(prefixes)), int(hit)]
        for i in range(4):
            per[key][i] += row[i]
            total[i] += row[i]
    print(f'{len(rules)} program rules, {sum(1 for v in rules.values() if v[0])} mapped to CIP prefixes; all prefixes valid CIP 2020')
    print(f'DAPIP program accreditations kept (Accredited/Preaccredited): {total[0]}')
    print(f'  with an IPEDS UNITID: {total[1]}; whose rule has CIP prefixes: {total[2]}; matching >=1 IPEDS C2022 program: {total[3]}')
    mapped_with_id = sum(v[1] for k, v in per.items() if rules[k][0])
    print(f'  coverage of mapped accreditations that have a UNITID: {total[3]}/{mapped_with_id} = {total[3] / max(1, mapped_with_id):.1%}')
    if '-v' in sys.argv:
        for k in sorted(per):
            v = per[k]
            print(f'{SHORT[k[0]]:>10} {v[3]:4}/{v[1]:4} (of {v[0]:4})  {k[1][:90]}  {";".join(rules[k][0]) or "-"}')


if __name__ == '__main__':
    {'agencies': agencies, 'check': check}[sys.argv[1] if len(sys.argv) > 1 else 'check']()
