//! A hostile repository, generated in a temporary directory: symlink loops and links out of the
//! root, unreadable, sparse, huge, binary, mis-encoded and deeply nested files, entity and zip
//! bombs, a broken PDF, hostile file names and configs. The scan must finish, say what it
//! skipped and why, stay under a memory bound, read nothing outside the root, and produce valid
//! output in every format.

mod common;

use common::{UNPRIVILEGED, assert_valid, formats, is_root, open_up, run};
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};

/// Peak memory a scan of the hostile tree may use. The largest file read is 20 MB; the bound is
/// generous so that only a runaway (a bomb expanded, a sparse file read) fails it.
const MEMORY_BOUND_KIB: i64 = 400 * 1024;

/// A phrase that only the files outside the root contain: it must never reach a report.
const OUTSIDE_MARKER: &str = "zyxoutsidemarker";

/// The file with the AI component the diagnostics point at.
const CHAT: &str = "app/chat\x1b[2J\n::error file=x::pwned%0A.py";

/// English disclosure text: the lexicon recognises it, so a decoded file shows as a disclosure.
const DISCLOSURE_EN: &str = "# Artificial intelligence\n\nThis product uses artificial \
    intelligence. AI answers may be inaccurate; the risks of using it are described below. \
    For safe use, check important answers with a person.\n";

fn write(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

fn nested(open: &str, middle: &str, close: &str, depth: usize) -> String {
    let mut s = String::with_capacity((open.len() + close.len()) * depth + middle.len());
    for _ in 0..depth {
        s.push_str(open);
    }
    s.push_str(middle);
    for _ in 0..depth {
        s.push_str(close);
    }
    s
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = (bom.then_some(0xFEFF))
        .into_iter()
        .chain(text.encode_utf16());
    for u in units {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// A raw deflate stream that inflates to `runs * 258 + 1` zero bytes (fixed Huffman codes: one
/// literal, then matches of length 258 at distance 1), about 160 times smaller than its output.
fn deflate_zeros(runs: usize) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u32,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u32, count: u32) {
            self.acc |= value << self.n;
            self.n += count;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// Huffman codes are sent most significant bit first.
        fn code(&mut self, code: u32, len: u32) {
            let reversed = code.reverse_bits() >> (32 - len);
            self.put(reversed, len);
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        n: 0,
    };
    b.put(1, 1); // last block
    b.put(1, 2); // fixed Huffman
    b.code(0x30, 8); // literal 0
    for _ in 0..runs {
        b.code(0xC5, 8); // length code 285 = 258 (codes 280..287 are 0xC0 + n, 8 bits)
        b.code(0, 5); // distance code 0 = distance 1
    }
    b.code(0, 7); // end of block (256)
    if b.n > 0 {
        b.out.push(b.acc as u8);
    }
    b.out
}

/// A PyTorch-style zip archive whose one entry claims 4 GiB and inflates to about 40 MB.
fn zip_bomb() -> Vec<u8> {
    let name = b"archive/data.pkl";
    let data = deflate_zeros(160_000);
    let mut z = Vec::new();
    let header = |sig: &[u8], z: &mut Vec<u8>, central: bool| {
        z.extend(sig);
        if central {
            z.extend(20u16.to_le_bytes()); // made by
        }
        z.extend(20u16.to_le_bytes()); // version needed
        z.extend(0u16.to_le_bytes()); // flags
        z.extend(8u16.to_le_bytes()); // deflate
        z.extend([0, 0, 0, 0]); // time, date
        z.extend(0u32.to_le_bytes()); // crc (wrong on purpose)
        z.extend((data.len() as u32).to_le_bytes());
        z.extend(u32::MAX.to_le_bytes()); // claimed uncompressed size
        z.extend((name.len() as u16).to_le_bytes());
        z.extend(0u16.to_le_bytes()); // extra
        if central {
            z.extend([0u8; 8]); // comment len, disk, attrs
            z.extend(0u32.to_le_bytes()); // external attrs
            z.extend(0u32.to_le_bytes()); // local header offset
        }
        z.extend(name);
    };
    header(b"PK\x03\x04", &mut z, false);
    z.extend(&data);
    let central = z.len();
    header(b"PK\x01\x02", &mut z, true);
    let central_len = z.len() - central;
    z.extend(b"PK\x05\x06");
    z.extend([0u8; 4]);
    z.extend(1u16.to_le_bytes());
    z.extend(1u16.to_le_bytes());
    z.extend((central_len as u32).to_le_bytes());
    z.extend((central as u32).to_le_bytes());
    z.extend(0u16.to_le_bytes());
    z
}

const BILLION_LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
 <!ENTITY ext SYSTEM "file:///etc/passwd">
]>
<resources>
  <string name="ai_notice">&lol9;&ext;</string>
</resources>
"#;

const BROKEN_PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n\
1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n\
3 0 obj\n<< /Type /Page /Parent 2 0 R /Contents 4 0 R /MediaBox [0 0 612 792] >>\nendobj\n\
4 0 obj\n<< /Length 999999 >>\nstream\nBT /F1 12 Tf (This product uses artificial intelligence) Tj ET\n\
xref\n0 5\n0000000000 65535 f \n0000099999 00000 n \nGARBAGE\ntrailer\n<< /Size 5 /Root 1 0 R >>\n\
startxref\n123456789\n%%EOF\n";

/// The repository and, beside it, a directory the scan must never read.
struct Hostile {
    _dir: tempfile::TempDir,
    root: PathBuf,
    outside: PathBuf,
}

fn hostile_tree() -> Hostile {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    let outside = dir.path().join("outside");
    fs::create_dir_all(&root).unwrap();
    write(
        &outside,
        "secret.md",
        format!("{DISCLOSURE_EN}\n{OUTSIDE_MARKER}\n"),
    );
    write(
        &outside,
        "leak.py",
        format!("import openai  # {OUTSIDE_MARKER}\n"),
    );
    write(&outside, "docs/notice.md", format!("{OUTSIDE_MARKER}\n"));

    // A real product: one component and a disclosure, so that the reports are not empty; the
    // component's file has a name that tries to inject a terminal escape and a workflow command
    // into the diagnostics that point at it.
    write(&root, CHAT, "import openai\n\nclient = openai.OpenAI()\n");
    write(&root, "docs/ai.md", DISCLOSURE_EN);

    // Links: a loop, a self-loop through a directory, out of the root, to /etc/passwd.
    fs::create_dir_all(root.join("loop")).unwrap();
    symlink("b", root.join("loop/a")).unwrap();
    symlink("a", root.join("loop/b")).unwrap();
    symlink(".", root.join("loop/self")).unwrap();
    symlink("/etc/passwd", root.join("passwd.txt")).unwrap();
    symlink(outside.join("secret.md"), root.join("docs/leak.md")).unwrap();
    symlink("../../outside/leak.py", root.join("app/leak.py")).unwrap();
    symlink(&outside, root.join("linked_dir")).unwrap();

    // A FIFO with a source extension: opening it for reading would block forever.
    let fifo = std::ffi::CString::new(root.join("app/pipe.py").as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);

    // Unreadable (the scan runs as an unprivileged user when the tests run as root).
    write(&root, "app/locked.py", "import openai\n");

    // Size: a 1 GB sparse file and a 20 MB minified single line.
    fs::File::create(root.join("app/huge.py"))
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let mut minified = String::from("import OpenAI from \"openai\";");
    while minified.len() < 20 << 20 {
        minified.push_str("var a=function(b){return b&&b.c?b.d(\"e\"):null};");
    }
    write(&root, "web/bundle.min.js", &minified);
    write(&root, "web/small.min.js", &minified[..2 << 20]);

    // Binary content with source and asset extensions.
    let mut binary: Vec<u8> = (0u32..65_536).map(|i| (i * 7919 % 251) as u8).collect();
    binary[10] = 0;
    write(&root, "app/native.py", &binary);
    write(&root, "docs/image.md", &binary);

    // Encodings.
    let mut bad = DISCLOSURE_EN.as_bytes().to_vec();
    bad.extend(b"\xFF\xFE\xC3(\xA0\xA1 broken\n");
    write(&root, "docs/bad-utf8.md", bad);
    write(&root, "docs/utf16le.md", utf16(DISCLOSURE_EN, false, true));
    write(&root, "docs/utf16be.txt", utf16(DISCLOSURE_EN, true, true));
    write(
        &root,
        "docs/utf16-nobom.md",
        utf16(DISCLOSURE_EN, false, false),
    );
    write(&root, "app/crlf.py", "# CRLF\r\nimport anthropic\r\n");
    write(&root, "app/cr.py", "# classic Mac\rimport openai\rx = 1\r");
    write(
        &root,
        "docs/crlf.md",
        DISCLOSURE_EN.replace('\n', "\r\n").as_bytes(),
    );

    // Deep nesting, 100,000 levels, in every structured format.
    const DEEP: usize = 100_000;
    write(&root, "locales/kk.json", nested("{\"a\":", "1", "}", DEEP));
    write(&root, "locales/ru.json", nested("[", "", "]", DEEP));
    write(&root, "locales/en.yaml", nested("[", "", "]", DEEP));
    write(
        &root,
        "locales/kk.yml",
        (0..2_000)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect::<String>(),
    );
    write(
        &root,
        "res/values-kk/strings.xml",
        format!(
            "<resources>{}</resources>",
            nested("<a>", "AI", "</a>", DEEP)
        ),
    );
    write(&root, "web/deep.svg", nested("<g>", "", "</g>", DEEP));
    write(
        &root,
        "web/deep.html",
        nested("<div>", "AI", "</div>", DEEP),
    );
    write(&root, "docs/deep-quote.md", nested("> ", "AI\n", "", DEEP));
    write(
        &root,
        "docs/deep-list.md",
        (0..5_000)
            .map(|i| format!("{}- AI\n", "  ".repeat(i)))
            .collect::<String>(),
    );
    write(&root, "package.json", nested("{\"a\":", "1", "}", DEEP));
    write(
        &root,
        "pyproject.toml",
        format!("a = {}", nested("[", "", "]", DEEP)),
    );
    write(
        &root,
        "requirements.txt",
        format!("openai\n{}\n", "-r requirements.txt\n".repeat(1_000)),
    );

    // Bombs and broken documents.
    write(&root, "res/values/strings.xml", BILLION_LAUGHS);
    write(&root, "web/laughs.svg", BILLION_LAUGHS);
    write(&root, "models/weights.pt", zip_bomb());
    write(&root, "docs/manual.pdf", BROKEN_PDF);

    // Hostile file names.
    for name in [
        "docs/new\nline.md",
        "docs/100%.md",
        "docs/%s%n%x.md",
        "app/a::b.py",
        "docs/a,b.md",
        "docs/quote\"'`.md",
        "docs/::error file=x.md::pwned.md",
        "docs/esc\x1b[31mred.md",
        "docs/tab\there.md",
    ] {
        write(&root, name, DISCLOSURE_EN);
    }
    let non_utf8 = root.join(OsStr::from_bytes(b"docs/bad\xFF\xFEname.md"));
    fs::write(non_utf8, DISCLOSURE_EN).unwrap();

    // The config points its includes and products out of the root.
    write(
        &root,
        ".aidisclose.yml",
        "languages: [kk]\n\
         assets:\n  include: [\"../outside/**\", \"/etc/**\", \"**/../**\", \"linked_dir/**\"]\n\
         products:\n  - name: escape\n    path: ../outside\n  - name: root\n    path: .\n",
    );

    open_up(dir.path());
    fs::set_permissions(
        root.join("app/locked.py"),
        fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    Hostile {
        _dir: dir,
        root,
        outside,
    }
}

/// Watches a directory tree for any open or read (Linux inotify).
struct Watch {
    fd: i32,
}

impl Watch {
    fn new(dirs: &[&Path]) -> Watch {
        // SAFETY: plain syscalls on a descriptor this struct owns; paths are NUL-terminated.
        unsafe {
            let fd = libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC);
            assert!(fd >= 0, "inotify_init1");
            for dir in dirs {
                let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).unwrap();
                let mask = libc::IN_OPEN | libc::IN_ACCESS;
                assert!(libc::inotify_add_watch(fd, path.as_ptr(), mask) >= 0);
            }
            Watch { fd }
        }
    }

    /// How many opens and reads happened since the watch started.
    fn events(&self) -> usize {
        let mut buf = [0u8; 65_536];
        let mut count = 0;
        loop {
            // SAFETY: reading into a buffer of the given length.
            let n = unsafe { libc::read(self.fd, buf.as_mut_ptr().cast(), buf.len()) };
            if n <= 0 {
                return count;
            }
            let mut off = 0usize;
            while off < n as usize {
                // SAFETY: the kernel writes whole inotify_event records.
                let ev: libc::inotify_event =
                    unsafe { std::ptr::read_unaligned(buf[off..].as_ptr().cast()) };
                count += 1;
                off += std::mem::size_of::<libc::inotify_event>() + ev.len as usize;
            }
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        // SAFETY: closing the descriptor this struct owns.
        unsafe { libc::close(self.fd) };
    }
}

fn user() -> Option<u32> {
    is_root().then_some(UNPRIVILEGED)
}

fn scan(tree: &Hostile, format: &str) -> common::Run {
    run(
        [
            OsStr::new("check"),
            tree.root.as_os_str(),
            OsStr::new("--format"),
            OsStr::new(format),
            OsStr::new("--fail-on"),
            OsStr::new("never"),
            // Reads the 20 MB file, to exercise the line-length limit and the memory bound.
            OsStr::new("--max-file-size"),
            OsStr::new("33554432"),
        ],
        user(),
    )
}

fn skipped(report: &serde_json::Value) -> Vec<(String, String)> {
    report["skipped"]
        .as_array()
        .expect("skipped[]")
        .iter()
        .map(|n| {
            (
                n["path"].as_str().unwrap().to_string(),
                n["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The paths of the report's disclosures.
fn disclosed(report: &serde_json::Value) -> Vec<&str> {
    report["disclosures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect()
}

fn assert_skipped(skipped: &[(String, String)], path: &str, why: &str) {
    assert!(
        skipped.iter().any(|(p, m)| p == path && m.contains(why)),
        "{path} is not reported as skipped with {why:?}; skipped: {skipped:#?}"
    );
}

#[test]
fn hostile_repository_is_scanned_safely_in_every_format() {
    let tree = hostile_tree();
    let watch = Watch::new(&[&tree.outside, &tree.outside.join("docs")]);

    let json = scan(&tree, "json");
    assert_eq!(json.code, 0, "stderr: {}", json.stderr);
    assert!(
        json.max_rss_kib < MEMORY_BOUND_KIB,
        "peak memory {} KiB is over the bound",
        json.max_rss_kib
    );
    let text = assert_valid("json", &json.stdout);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(
        !text.contains(OUTSIDE_MARKER),
        "a file outside the root was read"
    );
    assert!(!text.contains("root:x:0:0"), "/etc/passwd was read");
    assert!(!json.stderr.contains("internal error"), "{}", json.stderr);

    let skipped = skipped(&report);
    for link in [
        "loop/a",
        "loop/b",
        "loop/self",
        "passwd.txt",
        "docs/leak.md",
        "app/leak.py",
        "linked_dir",
    ] {
        assert_skipped(&skipped, link, "symbolic link (not followed)");
    }
    assert_skipped(&skipped, "app/pipe.py", "not a regular file");
    // As root, the scan runs as `nobody`, so the permissions apply.
    assert_skipped(&skipped, "app/locked.py", "not read: Permission denied");
    assert_skipped(&skipped, "app/huge.py", "over the size limit");
    assert_skipped(&skipped, "web/bundle.min.js", "max-line-length");
    assert_skipped(&skipped, "web/small.min.js", "max-line-length");
    assert_skipped(&skipped, "app/native.py", "binary content");
    assert_skipped(&skipped, "docs/image.md", "binary content");
    assert_skipped(&skipped, "docs/utf16-nobom.md", "binary content");
    assert_skipped(&skipped, "docs/bad-utf8.md", "not valid UTF-8");
    assert_skipped(&skipped, "package.json", "manifest not parsed");
    assert_skipped(&skipped, "pyproject.toml", "manifest not parsed");

    // What could be read was read: UTF-16 with a BOM, CRLF, and the hostile names.
    let disclosed = disclosed(&report);
    for path in [
        "docs/ai.md",
        "docs/utf16le.md",
        "docs/utf16be.txt",
        "docs/crlf.md",
        "docs/bad-utf8.md",
        "docs/new\nline.md",
        "docs/100%.md",
        "docs/%s%n%x.md",
        "docs/a,b.md",
        "docs/quote\"'`.md",
        "docs/::error file=x.md::pwned.md",
        "docs/esc\x1b[31mred.md",
        "docs/bad\u{FFFD}\u{FFFD}name.md",
    ] {
        assert!(
            disclosed.contains(&path),
            "{path:?} not read: {disclosed:?}"
        );
    }
    let evidence: Vec<(String, u64)> = report["components"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["evidence"].as_array().unwrap().iter())
        .map(|e| {
            (
                e["path"].as_str().unwrap().to_string(),
                e["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(evidence.contains(&(CHAT.into(), 1)), "{evidence:?}");
    let diagnosed: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap())
        .collect();
    assert!(diagnosed.contains(&CHAT), "{diagnosed:?}");
    assert!(
        evidence.contains(&("app/crlf.py".into(), 2)),
        "{evidence:?}"
    );
    assert!(evidence.contains(&("app/cr.py".into(), 2)), "{evidence:?}");
    assert!(
        !evidence.iter().any(|(p, _)| p.contains("leak")),
        "a linked file was read: {evidence:?}"
    );

    for format in formats() {
        let out = scan(&tree, &format);
        assert_eq!(out.code, 0, "{format}: {}", out.stderr);
        assert!(
            out.max_rss_kib < MEMORY_BOUND_KIB,
            "{format}: peak memory {} KiB",
            out.max_rss_kib
        );
        let text = assert_valid(&format, &out.stdout);
        assert!(
            !text.contains(OUTSIDE_MARKER),
            "{format}: outside file read"
        );
        assert!(!text.contains("root:x:0:0"), "{format}: /etc/passwd read");
    }
    assert_eq!(watch.events(), 0, "the scan opened files outside the root");
}

#[test]
fn inventory_of_the_hostile_repository_is_valid_json() {
    let tree = hostile_tree();
    let out = run(
        [
            OsStr::new("inventory"),
            tree.root.as_os_str(),
            OsStr::new("--format"),
            OsStr::new("json"),
        ],
        user(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = assert_valid("json", &out.stdout);
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 0);
    assert_skipped(&skipped(&report), "app/huge.py", "over the size limit");
}

#[test]
fn deep_structured_assets_are_read_to_max_nesting_with_a_note() {
    const DEEP: usize = 100_000;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "res/values-kk/strings.xml",
        format!(
            "<resources>\n<string name=\"ai_notice\">Жауаптарды жасанды интеллект жасайды.</string>\n{}</resources>",
            nested("<a>", "AI", "</a>", DEEP)
        ),
    );
    write(
        root,
        "res/values-ru/strings.xml",
        nested("<resources>", "", "</resources>", DEEP),
    );
    write(
        root,
        "web/label.svg",
        nested("<g>", "<text>AI</text>", "</g>", DEEP),
    );
    write(
        root,
        "ios/kk.lproj/Localizable.stringsdict",
        format!(
            "<plist>{}</plist>",
            nested("<dict><key>k</key>", "", "</dict>", DEEP)
        ),
    );
    write(root, "locales/kk.json", nested("{\"a\":", "1", "}", DEEP));
    write(root, "locales/en.yaml", nested("[", "", "]", DEEP));
    let out = run(
        [
            OsStr::new("inventory"),
            root.as_os_str(),
            OsStr::new("--format"),
            OsStr::new("json"),
        ],
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let skipped = skipped(&report);
    for path in [
        "res/values-kk/strings.xml",
        "res/values-ru/strings.xml",
        "web/label.svg",
        "ios/kk.lproj/Localizable.stringsdict",
    ] {
        assert_skipped(
            &skipped,
            path,
            "XML nested deeper than 256 levels (max-nesting)",
        );
    }
    assert_skipped(&skipped, "locales/kk.json", "max-nesting");
    // The YAML parser's own recursion limit is lower.
    assert_skipped(&skipped, "locales/en.yaml", "recursion limit exceeded");
    // The entry before the deep part is read.
    let disclosed = disclosed(&report);
    assert!(
        disclosed.contains(&"res/values-kk/strings.xml"),
        "{disclosed:?}"
    );
}

/// (path, line, column, end line) of every item of one of a report's arrays (column 0 where
/// the item has none, as disclosures, which span whole lines).
fn positions(report: &serde_json::Value, key: &str) -> Vec<(String, u64, u64, u64)> {
    let items = report[key].as_array().unwrap().iter();
    let mut out: Vec<(String, u64, u64, u64)> = items
        .flat_map(|item| match item["evidence"].as_array() {
            Some(evidence) => evidence.iter().collect(),
            None => vec![item],
        })
        .map(|at| {
            (
                at["path"].as_str().unwrap().to_string(),
                at["line"].as_u64().unwrap(),
                at["column"].as_u64().unwrap_or(0),
                at["end_line"].as_u64().unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn line_endings_cr_crlf_and_lf_give_the_same_findings() {
    // A lone CR (classic Mac) is a line break: it must not turn the Python file into one comment
    // line, a requirements file into one requirement, or a TOML manifest into an error.
    let files = [
        (
            "app/chat.py",
            "# Чат-бот сервисі: клиенттердің сұрақтарына жауап береді\nimport os\n\nimport openai\n\n\
             client = openai.OpenAI(api_key=os.environ[\"OPENAI_API_KEY\"])\n",
        ),
        (
            "web/assistant.ts",
            "// Виджет ассистента\nimport Anthropic from '@anthropic-ai/sdk';\n\n\
             export const client = new Anthropic();\n",
        ),
        (
            "requirements.txt",
            "# pinned\nrequests==2.32.3\nopenai==1.51.0\n",
        ),
        (
            "pyproject.toml",
            "[project]\nname = \"helpdesk\"\ndependencies = [\n  \"anthropic>=0.34\",\n]\n",
        ),
        ("docs/ai.md", DISCLOSURE_EN),
    ];
    let mut results = Vec::new();
    for (style, eol) in [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")] {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            write(dir.path(), rel, text.replace('\n', eol));
        }
        let out = run(
            [
                OsStr::new("check"),
                dir.path().as_os_str(),
                OsStr::new("--format"),
                OsStr::new("json"),
                OsStr::new("--fail-on"),
                OsStr::new("never"),
            ],
            None,
        );
        assert_eq!(out.code, 0, "{style}: {}", out.stderr);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            skipped(&report).is_empty(),
            "{style}: {:?}",
            skipped(&report)
        );
        let found: Vec<_> = ["components", "disclosures", "diagnostics"]
            .map(|key| positions(&report, key))
            .into();
        results.push((style, found));
    }
    let (_, lf) = &results[0];
    for (path, line, column) in [
        ("app/chat.py", 4, 8),
        ("web/assistant.ts", 2, 24),
        ("requirements.txt", 3, 1),
        ("pyproject.toml", 4, 4),
    ] {
        assert!(
            lf[0].contains(&(path.to_string(), line, column, line)),
            "{path}:{line}:{column} not found: {:?}",
            lf[0]
        );
    }
    assert!(lf[1].iter().any(|(p, ..)| p == "docs/ai.md"), "{:?}", lf[1]);
    assert!(!lf[2].is_empty());
    for (style, found) in &results[1..] {
        assert_eq!(found, lf, "{style} differs from LF");
    }
}

#[test]
fn parse_timeout_stops_a_slow_parse_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    // Under the line-length limit, but many lines of nested expressions take seconds to parse;
    // the limit is far above what the small file needs, even on a loaded machine.
    let line = format!("x = {}\n", nested("(", "openai", ")", 2_000));
    write(
        dir.path(),
        "slow.py",
        format!("import openai\n{}", line.repeat(400)),
    );
    write(dir.path(), "fast.py", "import openai\n");
    let out = run(
        [
            OsStr::new("check"),
            dir.path().as_os_str(),
            OsStr::new("--format"),
            OsStr::new("json"),
            OsStr::new("--parse-timeout-ms"),
            OsStr::new("200"),
            OsStr::new("--fail-on"),
            OsStr::new("never"),
        ],
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_skipped(&skipped(&report), "slow.py", "parse-timeout-ms");
    let paths: Vec<&str> = report["components"][0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["fast.py"],
        "the next file parses after a stopped one"
    );
}

#[test]
fn limits_come_from_the_config_and_flags_override_them() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.py", "import openai\n");
    write(
        dir.path(),
        "long.py",
        format!("import openai # {}\n", "x".repeat(200)),
    );
    write(
        dir.path(),
        ".aidisclose.yml",
        "max-file-size: 100\nmax-line-length: 100\n",
    );
    let scan = |extra: &[&str]| {
        let mut args = vec![
            "inventory",
            dir.path().to_str().unwrap(),
            "--format",
            "json",
        ];
        args.extend(extra);
        let out = run(args, None);
        assert_eq!(out.code, 0, "{}", out.stderr);
        skipped(&serde_json::from_slice(&out.stdout).unwrap())
    };
    let by_config = scan(&[]);
    assert_skipped(&by_config, "long.py", "over the size limit of 100 bytes");
    assert!(!by_config.iter().any(|(p, _)| p == "a.py"), "{by_config:?}");
    let by_flag = scan(&["--max-file-size", "1000"]);
    assert_skipped(&by_flag, "long.py", "line 1 is 216 bytes long");
    let by_both = scan(&["--max-file-size", "1000", "--max-line-length", "500"]);
    assert!(by_both.is_empty(), "{by_both:?}");
}

#[test]
fn config_alias_bomb_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let p = i - 1;
        bomb.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    write(dir.path(), ".aidisclose.yml", &bomb);
    let out = run(["check", dir.path().to_str().unwrap()], None);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains(".aidisclose.yml"), "{}", out.stderr);
    assert!(!out.stderr.contains("internal error"), "{}", out.stderr);
    assert!(out.max_rss_kib < 200 * 1024, "{} KiB", out.max_rss_kib);
}
