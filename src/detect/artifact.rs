//! Model artifacts: files recognised by name or extension (`rules/signals/model-files.yaml`) and
//! confirmed by their magic bytes. Only a small header is read, so multi-gigabyte weights cost
//! one short read. A git-LFS pointer in place of the model is recognised and reported as such.

use crate::model::{ComponentHit, ComponentKind, Detector, Evidence, Location, Note};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

/// The ecosystem of model files: each file (or model directory) is its own component.
pub const MODEL_FILE_ECOSYSTEM: &str = "model-file";

/// How many bytes of a model file are read.
pub const HEADER_LEN: usize = 1024;

/// A model file format, each with its magic bytes.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum ModelFormat {
    Gguf,
    Ggml,
    Onnx,
    Safetensors,
    Tflite,
    Coreml,
    CoremlPackage,
    Pytorch,
    Checkpoint,
    Hdf5,
    Keras,
    SavedModel,
    Joblib,
    Dlib,
    OpencvCascade,
    MediapipeTask,
    Caffe,
}

const ZIP: &[u8] = b"PK\x03\x04";
const LFS_POINTER: &[u8] = b"version https://git-lfs.github.com/spec/v1";

impl ModelFormat {
    pub fn name(self) -> &'static str {
        match self {
            ModelFormat::Gguf => "GGUF",
            ModelFormat::Ggml => "GGML",
            ModelFormat::Onnx => "ONNX",
            ModelFormat::Safetensors => "safetensors",
            ModelFormat::Tflite => "TensorFlow Lite",
            ModelFormat::Coreml => "Core ML",
            ModelFormat::CoremlPackage => "Core ML package",
            ModelFormat::Pytorch => "PyTorch",
            ModelFormat::Checkpoint => "checkpoint",
            ModelFormat::Hdf5 => "Keras/HDF5",
            ModelFormat::Keras => "Keras",
            ModelFormat::SavedModel => "TensorFlow SavedModel",
            ModelFormat::Joblib => "joblib",
            ModelFormat::Dlib => "dlib",
            ModelFormat::OpencvCascade => "OpenCV cascade",
            ModelFormat::MediapipeTask => "MediaPipe task",
            ModelFormat::Caffe => "Caffe",
        }
    }

    /// Whether `header` (the first bytes of the file) is this format.
    pub fn matches(self, header: &[u8]) -> bool {
        let pickle = header.len() > 1 && header[0] == 0x80 && (2..=5).contains(&header[1]);
        // A protobuf message starting with field 1 as a varint (ir_version, specificationVersion,
        // saved_model_schema_version) or field 1/2 as a length-delimited message.
        let protobuf = matches!(header.first(), Some(0x08 | 0x0a | 0x12));
        match self {
            ModelFormat::Gguf => header.starts_with(b"GGUF"),
            ModelFormat::Ggml => [b"lmgg", b"fmgg", b"tjgg", b"ggml", b"ggjt", b"ggmf"]
                .iter()
                .any(|m| header.starts_with(*m)),
            ModelFormat::Onnx
            | ModelFormat::Coreml
            | ModelFormat::SavedModel
            | ModelFormat::Caffe => protobuf,
            ModelFormat::Safetensors => {
                header.len() > 9
                    && header[8] == b'{'
                    && u64::from_le_bytes(header[..8].try_into().unwrap_or_default()) > 1
            }
            ModelFormat::Tflite => header.get(4..8) == Some(b"TFL3"),
            ModelFormat::CoremlPackage => header.trim_ascii_start().starts_with(b"{"),
            ModelFormat::Pytorch | ModelFormat::Checkpoint => header.starts_with(ZIP) || pickle,
            ModelFormat::Hdf5 => header.starts_with(b"\x89HDF\r\n\x1a\n"),
            ModelFormat::Keras => {
                header.starts_with(ZIP) || header.starts_with(b"\x89HDF\r\n\x1a\n")
            }
            ModelFormat::Joblib => {
                pickle
                    || [
                        &b"\x78"[..],
                        b"\x1f\x8b",
                        b"BZh",
                        b"\xfd7zXZ",
                        b"\x04\x22\x4d\x18",
                    ]
                    .iter()
                    .any(|m| header.starts_with(m))
            }
            ModelFormat::Dlib => !header.is_empty(),
            ModelFormat::OpencvCascade => header.trim_ascii_start().starts_with(b"<"),
            ModelFormat::MediapipeTask => header.starts_with(ZIP),
        }
    }
}

/// A recognised model file: its format and the kind of component it reveals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModelFile {
    pub format: ModelFormat,
    pub kind: ComponentKind,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormatEntry {
    format: ModelFormat,
    extensions: Vec<String>,
    kind: ComponentKind,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NamedFile {
    name: String,
    format: ModelFormat,
    kind: ComponentKind,
}

/// `rules/signals/model-files.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFilesFile {
    formats: Vec<FormatEntry>,
    files: Vec<NamedFile>,
}

/// Model files by extension and by well-known file name.
#[derive(Debug, Default)]
pub struct ModelFiles {
    by_extension: HashMap<String, ModelFile>,
    by_name: HashMap<String, ModelFile>,
}

/// What a path is to the model-file detector.
#[derive(Debug, PartialEq, Eq)]
pub enum Recognised {
    Model(ModelFile),
    /// A file inside a model directory (`x.mlpackage/…`) whose marker file stands for it.
    InsideModel,
}

impl ModelFiles {
    pub fn new(raw: ModelFilesFile) -> Result<ModelFiles, String> {
        let mut files = ModelFiles::default();
        for f in raw.formats {
            for ext in f.extensions {
                let model = ModelFile {
                    format: f.format,
                    kind: f.kind,
                };
                if files.by_extension.insert(ext.clone(), model).is_some() {
                    return Err(format!("extension `{ext}` is listed twice"));
                }
            }
        }
        for f in raw.files {
            let model = ModelFile {
                format: f.format,
                kind: f.kind,
            };
            if files.by_name.insert(f.name.clone(), model).is_some() {
                return Err(format!("file `{}` is listed twice", f.name));
            }
        }
        Ok(files)
    }

    /// Recognises a model file by its relative path. A Core ML package is a directory: its
    /// `Manifest.json` stands for it and the files inside are not models of their own.
    pub fn recognise(&self, rel: &str) -> Option<Recognised> {
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        if let Some(package) = package_dir(rel, ".mlpackage") {
            return Some(if name == "Manifest.json" && package == dir {
                Recognised::Model(*self.by_extension.get("mlpackage")?)
            } else {
                Recognised::InsideModel
            });
        }
        if let Some(model) = self.by_name.get(name) {
            return Some(Recognised::Model(*model));
        }
        let (_, ext) = name.rsplit_once('.')?;
        self.by_extension
            .get(&ext.to_ascii_lowercase())
            .map(|m| Recognised::Model(*m))
    }
}

/// The path of the enclosing `*.<suffix>` directory of `rel`, if any.
fn package_dir<'a>(rel: &'a str, suffix: &str) -> Option<&'a str> {
    let at = rel.find(&format!("{suffix}/"))?;
    Some(&rel[..at + suffix.len()])
}

/// The component a model file stands for: the file, or its model directory (a SavedModel's
/// `saved_model.pb`, a Core ML package's `Manifest.json`).
fn component_name(rel: &str, format: ModelFormat) -> &str {
    match format {
        ModelFormat::SavedModel | ModelFormat::CoremlPackage => {
            rel.rsplit_once('/').map_or(rel, |(dir, _)| dir)
        }
        _ => rel,
    }
}

/// What the model-file detector found in one file.
pub struct ArtifactFacts {
    pub hits: Vec<ComponentHit>,
    pub notes: Vec<Note>,
}

/// Reads the header of a model file and reports it as a component if the magic bytes confirm the
/// format; a git-LFS pointer is reported with a note that the weights are not in the checkout.
pub fn inspect(rel: &str, abs: &Path, model: ModelFile) -> ArtifactFacts {
    let mut header = Vec::with_capacity(HEADER_LEN);
    let read =
        std::fs::File::open(abs).and_then(|f| f.take(HEADER_LEN as u64).read_to_end(&mut header));
    let mut facts = ArtifactFacts {
        hits: Vec::new(),
        notes: Vec::new(),
    };
    let note = |message: String| Note {
        path: rel.to_string(),
        message,
    };
    if let Err(e) = read {
        facts.notes.push(note(format!("not read: {e}")));
        return facts;
    }
    let lfs = header.starts_with(LFS_POINTER);
    if lfs {
        facts.notes.push(note(format!(
            "git-LFS pointer to a {} model: the weights are not in the checkout",
            model.format.name()
        )));
    } else if !model.format.matches(&header) {
        facts.notes.push(note(format!(
            "named like a model file ({}), but its first bytes are not that format; not counted",
            model.format.name()
        )));
        return facts;
    }
    facts.hits.push(ComponentHit {
        ecosystem: MODEL_FILE_ECOSYSTEM.to_string(),
        name: component_name(rel, model.format).to_string(),
        kind: model.kind,
        evidence: Evidence {
            location: Location {
                path: rel.to_string(),
                line: 1,
                column: 1,
                end_line: 1,
                end_column: 1,
                start_byte: 0,
                end_byte: 0,
            },
            detector: Detector::ModelFile,
        },
    });
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes() {
        assert!(ModelFormat::Gguf.matches(b"GGUF\x03\x00\x00\x00"));
        assert!(!ModelFormat::Gguf.matches(b"hello world"));
        assert!(ModelFormat::Tflite.matches(b"\x1c\x00\x00\x00TFL3\x00"));
        assert!(ModelFormat::Pytorch.matches(b"PK\x03\x04archive/data.pkl"));
        assert!(ModelFormat::Pytorch.matches(b"\x80\x02\x8a\x0al\xfc\x9cF"));
        assert!(!ModelFormat::Pytorch.matches(b"# a text file named .pt"));
        assert!(ModelFormat::Hdf5.matches(b"\x89HDF\r\n\x1a\n\x00"));
        let mut st = 88u64.to_le_bytes().to_vec();
        st.extend_from_slice(b"{\"__metadata__\":{}}");
        assert!(ModelFormat::Safetensors.matches(&st));
        assert!(!ModelFormat::Safetensors.matches(b"{\"not\": \"safetensors\"}"));
        assert!(ModelFormat::Joblib.matches(b"\x80\x04\x95"));
    }
}
