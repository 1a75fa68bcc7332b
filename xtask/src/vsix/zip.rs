//! Reads the entries of a zip archive, as much of the format as checking a `.vsix` needs:
//! stored and deflated entries, every entry's CRC-32 checked; zip64, encryption and
//! multi-disk archives are refused (vsce writes none of them).

use anyhow::{Context, bail, ensure};

/// One file of the archive, decompressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) name: String,
    pub(crate) data: Vec<u8>,
}

const END_OF_CENTRAL_DIRECTORY: u32 = 0x0605_4b50;
const CENTRAL_DIRECTORY_HEADER: u32 = 0x0201_4b50;
const LOCAL_FILE_HEADER: u32 = 0x0403_4b50;
const END_RECORD_LEN: usize = 22;
const CENTRAL_HEADER_LEN: usize = 46;
const LOCAL_HEADER_LEN: usize = 30;
const METHOD_STORED: u16 = 0;
const METHOD_DEFLATED: u16 = 8;
/// Sizes and offsets of this value mean "see the zip64 record".
const ZIP64_MARKER: u32 = u32::MAX;

/// Every entry of the archive, in central-directory order.
pub(crate) fn read_entries(archive: &[u8]) -> anyhow::Result<Vec<Entry>> {
    let end = find_end_record(archive)?;
    let this_disk = u16_at(archive, end + 4)?;
    let directory_disk = u16_at(archive, end + 6)?;
    let count = u16_at(archive, end + 10)?;
    let directory_size = u32_at(archive, end + 12)?;
    let directory_offset = u32_at(archive, end + 16)?;
    ensure!(
        this_disk == 0 && directory_disk == 0,
        "a multi-disk archive is not a .vsix"
    );
    ensure!(
        directory_offset != ZIP64_MARKER && directory_size != ZIP64_MARKER,
        "zip64 archives are not supported"
    );

    let mut entries = Vec::with_capacity(usize::from(count));
    let mut at = to_usize(directory_offset);
    for index in 0..count {
        ensure!(
            u32_at(archive, at)? == CENTRAL_DIRECTORY_HEADER,
            "central directory entry {index} has no header signature at byte {at}"
        );
        let flags = u16_at(archive, at + 8)?;
        let method = u16_at(archive, at + 10)?;
        let crc = u32_at(archive, at + 16)?;
        let compressed_size = u32_at(archive, at + 20)?;
        let size = u32_at(archive, at + 24)?;
        let name_len = usize::from(u16_at(archive, at + 28)?);
        let extra_len = usize::from(u16_at(archive, at + 30)?);
        let comment_len = usize::from(u16_at(archive, at + 32)?);
        let local_offset = u32_at(archive, at + 42)?;
        let name_bytes = slice(archive, at + CENTRAL_HEADER_LEN, name_len)?;
        let name = String::from_utf8(name_bytes.to_vec())
            .with_context(|| format!("entry {index} has a name that is not UTF-8"))?;
        ensure!(flags & 1 == 0, "{name} is encrypted");
        ensure!(
            compressed_size != ZIP64_MARKER && size != ZIP64_MARKER && local_offset != ZIP64_MARKER,
            "{name} is a zip64 entry, which is not supported"
        );
        let compressed = local_data(archive, to_usize(local_offset), to_usize(compressed_size))
            .with_context(|| format!("cannot read {name}"))?;
        let data = match method {
            METHOD_STORED => compressed.to_vec(),
            METHOD_DEFLATED => {
                miniz_oxide::inflate::decompress_to_vec_with_limit(compressed, to_usize(size))
                    .map_err(|err| anyhow::anyhow!("{name} does not inflate: {err}"))?
            }
            other => bail!("{name} uses compression method {other}, neither stored nor deflated"),
        };
        ensure!(
            data.len() == to_usize(size),
            "{name} is {} bytes, but the directory says {size}",
            data.len()
        );
        ensure!(
            crc32(&data) == crc,
            "{name} fails its CRC-32 check: the archive is corrupt"
        );
        entries.push(Entry { name, data });
        at += CENTRAL_HEADER_LEN + name_len + extra_len + comment_len;
    }
    Ok(entries)
}

/// The end-of-central-directory record: the last 22 bytes, unless a comment (at most 64 KiB)
/// follows it.
fn find_end_record(archive: &[u8]) -> anyhow::Result<usize> {
    ensure!(
        archive.len() >= END_RECORD_LEN,
        "{} bytes is too short for a zip archive",
        archive.len()
    );
    let last = archive.len() - END_RECORD_LEN;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last)
        .rev()
        .find(|&at| {
            u32_at(archive, at).is_ok_and(|signature| signature == END_OF_CENTRAL_DIRECTORY)
                && u16_at(archive, at + 20).is_ok_and(|comment| {
                    at + END_RECORD_LEN + usize::from(comment) == archive.len()
                })
        })
        .context("not a zip archive: no end-of-central-directory record")
}

/// The compressed bytes of the entry whose local header is at `at`: the local header's own name
/// and extra lengths decide where they start (they may differ from the central directory's).
fn local_data(archive: &[u8], at: usize, compressed_size: usize) -> anyhow::Result<&[u8]> {
    ensure!(
        u32_at(archive, at)? == LOCAL_FILE_HEADER,
        "no local header signature at byte {at}"
    );
    let name_len = usize::from(u16_at(archive, at + 26)?);
    let extra_len = usize::from(u16_at(archive, at + 28)?);
    slice(
        archive,
        at + LOCAL_HEADER_LEN + name_len + extra_len,
        compressed_size,
    )
}

fn slice(archive: &[u8], start: usize, len: usize) -> anyhow::Result<&[u8]> {
    start
        .checked_add(len)
        .and_then(|end| archive.get(start..end))
        .with_context(|| {
            format!(
                "the archive ends before byte {} (it has {})",
                start.saturating_add(len),
                archive.len()
            )
        })
}

fn u16_at(archive: &[u8], at: usize) -> anyhow::Result<u16> {
    let bytes = slice(archive, at, 2)?;
    Ok(u16::from_le_bytes([bytes[0], bytes[1]]))
}

fn u32_at(archive: &[u8], at: usize) -> anyhow::Result<u32> {
    let bytes = slice(archive, at, 4)?;
    Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

fn to_usize(value: u32) -> usize {
    usize::try_from(value).expect("xtask runs on 32-bit or wider targets")
}

/// CRC-32 (IEEE 802.3, reflected), as zip stores it; bitwise, which is fast enough for a
/// package of a few hundred kilobytes.
pub(crate) fn crc32(data: &[u8]) -> u32 {
    let mut crc = u32::MAX;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal zip writer for the tests: each entry stored or deflated, no comment.
    pub(crate) fn write_archive(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut archive = Vec::new();
        let mut directory = Vec::new();
        for &(name, data, deflate) in entries {
            let (method, stored) = if deflate {
                (
                    METHOD_DEFLATED,
                    miniz_oxide::deflate::compress_to_vec(data, 6),
                )
            } else {
                (METHOD_STORED, data.to_vec())
            };
            let offset = u32::try_from(archive.len()).unwrap();
            let crc = crc32(data);
            let sizes = [
                u32::try_from(stored.len()).unwrap(),
                u32::try_from(data.len()).unwrap(),
            ];
            let name_len = u16::try_from(name.len()).unwrap();

            archive.extend(LOCAL_FILE_HEADER.to_le_bytes());
            archive.extend([20, 0, 0, 0]); // version needed, flags
            archive.extend(method.to_le_bytes());
            archive.extend([0; 4]); // time, date
            archive.extend(crc.to_le_bytes());
            archive.extend(sizes[0].to_le_bytes());
            archive.extend(sizes[1].to_le_bytes());
            archive.extend(name_len.to_le_bytes());
            archive.extend([0, 0]); // extra length
            archive.extend(name.as_bytes());
            archive.extend(&stored);

            directory.extend(CENTRAL_DIRECTORY_HEADER.to_le_bytes());
            directory.extend([20, 0, 20, 0, 0, 0]); // made by, needed, flags
            directory.extend(method.to_le_bytes());
            directory.extend([0; 4]);
            directory.extend(crc.to_le_bytes());
            directory.extend(sizes[0].to_le_bytes());
            directory.extend(sizes[1].to_le_bytes());
            directory.extend(name_len.to_le_bytes());
            directory.extend([0; 12]); // extra, comment, disk, internal and external attributes
            directory.extend(offset.to_le_bytes());
            directory.extend(name.as_bytes());
        }
        let directory_offset = u32::try_from(archive.len()).unwrap();
        let count = u16::try_from(entries.len()).unwrap();
        archive.extend(&directory);
        archive.extend(END_OF_CENTRAL_DIRECTORY.to_le_bytes());
        archive.extend([0; 4]); // disk numbers
        archive.extend(count.to_le_bytes());
        archive.extend(count.to_le_bytes());
        archive.extend(u32::try_from(directory.len()).unwrap().to_le_bytes());
        archive.extend(directory_offset.to_le_bytes());
        archive.extend([0, 0]); // comment length
        archive
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn reads_stored_and_deflated_entries() {
        let text = "a line that compresses well\n".repeat(200);
        let archive = write_archive(&[
            ("extension/package.json", b"{\"name\":\"x\"}", false),
            ("extension/dist/extension.js", text.as_bytes(), true),
            ("empty", b"", true),
        ]);
        let entries = read_entries(&archive).unwrap();
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "extension/package.json",
                "extension/dist/extension.js",
                "empty"
            ]
        );
        assert_eq!(entries[0].data, b"{\"name\":\"x\"}");
        assert_eq!(entries[1].data, text.as_bytes());
        assert!(entries[2].data.is_empty());
    }

    #[test]
    fn finds_the_end_record_behind_a_comment() {
        let mut archive = write_archive(&[("a", b"alpha", false)]);
        let comment = b"made by a test";
        let at = archive.len() - 2;
        archive.splice(at.., u16::try_from(comment.len()).unwrap().to_le_bytes());
        archive.extend(comment);
        assert_eq!(read_entries(&archive).unwrap()[0].data, b"alpha");
    }

    #[test]
    fn refuses_a_corrupt_entry() {
        let mut archive = write_archive(&[("a", b"alpha beta gamma", false)]);
        // The stored bytes begin right after the 30-byte local header and the 1-byte name.
        archive[LOCAL_HEADER_LEN + 1] ^= 0x20;
        let error = read_entries(&archive).unwrap_err().to_string();
        assert!(error.contains("fails its CRC-32 check"), "{error}");
    }

    #[test]
    fn refuses_what_is_not_a_whole_archive() {
        let archive = write_archive(&[("a", b"alpha", true)]);
        for (bytes, expected) in [
            (&b"PK"[..], "too short"),
            (&[0u8; 100][..], "no end-of-central-directory record"),
            (
                &archive[..archive.len() - 1],
                "no end-of-central-directory record",
            ),
            (&archive[20..], "header signature"),
        ] {
            let error = format!("{:#}", read_entries(bytes).unwrap_err());
            assert!(error.contains(expected), "{expected:?} not in {error:?}");
        }
    }
}
