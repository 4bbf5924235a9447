#!/usr/bin/env node
// Which symbol versions a Linux shared object (the addon's .node) needs from the libraries it links (GLIBC_2.34 from
// libc.so.6, GLIBCXX_3.4.30 from libstdc++.so.6, ...), read from its ELF .gnu.version_r section, so no binutils are
// needed; and, with --max, a failure when it needs a newer version than the oldest system it is meant for has.
//
//   node scripts/check-glibc.mjs [--json] [--max GLIBC_2.28 ...] FILE.node ...
//
// Prints each library's versions and the highest of each family; exits 1 when a family is above its --max, 2 when a
// file cannot be read as ELF. The prebuild workflow runs it on the Linux prebuilds (built on glibc 2.28).
import { readFileSync } from 'node:fs';

const SHT_GNU_VERNEED = 0x6ffffffe;
const VERSION = /^(.+)_(\d+(?:\.\d+)*)$/;

/** The versions each needed library must provide: { 'libc.so.6': ['GLIBC_2.2.5', ...] }. */
function neededVersions(bytes) {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46) throw new Error('not an ELF file');
  const wide = bytes[4] === 2;
  const little = bytes[5] === 1;
  const u16 = (at) => (little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at) => (little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const word = (at) => (wide ? Number(little ? bytes.readBigUInt64LE(at) : bytes.readBigUInt64BE(at)) : u32(at));
  const sectionsAt = word(wide ? 0x28 : 0x20);
  const sectionSize = u16(wide ? 0x3a : 0x2e);
  const sectionCount = u16(wide ? 0x3c : 0x30);
  const section = (index) => {
    const at = sectionsAt + index * sectionSize;
    return wide
      ? { type: u32(at + 4), offset: word(at + 24), link: u32(at + 40), info: u32(at + 44) }
      : { type: u32(at + 4), offset: u32(at + 16), link: u32(at + 24), info: u32(at + 28) };
  };
  const needs = {};
  for (let index = 0; index < sectionCount; index++) {
    const verneed = section(index);
    if (verneed.type !== SHT_GNU_VERNEED) continue;
    const strings = section(verneed.link).offset;
    const string = (at) => bytes.toString('latin1', strings + at, bytes.indexOf(0, strings + at));
    // Verneed entries (vn_version, vn_cnt, vn_file, vn_aux, vn_next), each with vn_cnt Vernaux entries
    // (vna_hash, vna_flags, vna_other, vna_name, vna_next); sh_info counts the Verneed entries.
    for (let entry = verneed.offset, left = verneed.info; left > 0; left--) {
      const versions = (needs[string(u32(entry + 4))] ??= []);
      for (let aux = entry + u32(entry + 8), count = u16(entry + 2); count > 0; count--) {
        versions.push(string(u32(aux + 8)));
        const next = u32(aux + 12);
        if (next === 0) break;
        aux += next;
      }
      const next = u32(entry + 12);
      if (next === 0) break;
      entry += next;
    }
  }
  for (const versions of Object.values(needs)) versions.sort(compareVersions);
  return needs;
}

/** Orders GLIBC_2.2.5 before GLIBC_2.14: by family, then numerically; versions with no number last. */
function compareVersions(a, b) {
  const [, familyA, numberA] = VERSION.exec(a) ?? [a, a, ''];
  const [, familyB, numberB] = VERSION.exec(b) ?? [b, b, ''];
  if (familyA !== familyB) return familyA < familyB ? -1 : 1;
  const partsA = numberA.split('.').map(Number);
  const partsB = numberB.split('.').map(Number);
  for (let i = 0; i < Math.max(partsA.length, partsB.length); i++) {
    const diff = (partsA[i] ?? -1) - (partsB[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The highest version of each family (GLIBC, GLIBCXX, CXXABI, ...) across every library: { GLIBC: 'GLIBC_2.34' }. */
function highestVersions(needs) {
  const highest = {};
  for (const version of Object.values(needs).flat()) {
    const family = VERSION.exec(version)?.[1];
    if (family && (!highest[family] || compareVersions(version, highest[family]) > 0)) highest[family] = version;
  }
  return highest;
}

function main(args) {
  const json = args.includes('--json');
  const limits = [];
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') continue;
    if (args[i] === '--max') {
      const limit = args[++i];
      if (!limit || !VERSION.test(limit)) return usage(`--max takes a version such as GLIBC_2.28, not ${limit}`);
      limits.push(limit);
    } else files.push(args[i]);
  }
  if (files.length === 0) return usage('name at least one file');
  let failed = false;
  const reports = [];
  for (const file of files) {
    let needs;
    try {
      needs = neededVersions(readFileSync(file));
    } catch (error) {
      console.error(`${file}: cannot be read as ELF (${error.message})`);
      return 2;
    }
    const highest = highestVersions(needs);
    const tooNew = limits.flatMap((limit) => {
      const found = highest[VERSION.exec(limit)[1]];
      return found && compareVersions(found, limit) > 0 ? [`${found} (above ${limit})`] : [];
    });
    failed ||= tooNew.length > 0;
    reports.push({ file, needs, highest, tooNew });
  }
  if (json) console.log(JSON.stringify(reports, null, 2));
  else {
    for (const { file, needs, highest, tooNew } of reports) {
      console.log(`${file} needs:`);
      for (const [library, versions] of Object.entries(needs)) console.log(`  ${library}: ${versions.join(' ')}`);
      console.log(`  highest: ${Object.values(highest).join(' ') || 'none'}`);
      if (tooNew.length > 0) console.error(`${file}: needs ${tooNew.join(', ')}`);
    }
  }
  return failed ? 1 : 0;
}

function usage(problem) {
  console.error(`check-glibc: ${problem}\nusage: node scripts/check-glibc.mjs [--json] [--max FAMILY_VERSION ...] FILE ...`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
