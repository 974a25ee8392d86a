//! The signal catalogue (`rules/signals/`): its size, the kinds and import names of packages
//! whose names mislead, notes on ambiguous names, hosts and variables matched only at their
//! boundaries. Adding a package is one YAML line and one row in a table here.

use aidisclose::knowledge::Knowledge;

fn knowledge() -> Knowledge {
    Knowledge::load().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_catalogue_covers_every_ecosystem() {
    let k = knowledge();
    let (packages, calls, hosts, env) = k.signals.counts();
    assert!(packages >= 500, "{packages} packages");
    assert!(
        calls >= 150 && hosts >= 60 && env >= 50,
        "{calls} calls, {hosts} hosts, {env} variables"
    );
}

/// (ecosystem, manifest name, kind): one row per package that needs a test.
const PACKAGES: [(&str, &str, &str); 24] = [
    ("pypi", "openai", "llm"),
    ("pypi", "Scikit_Learn", "ml-scoring"),
    ("pypi", "torch", "ml-runtime"),
    ("pypi", "face_recognition", "biometric-face"),
    ("pypi", "elevenlabs", "generative-audio"),
    ("pypi", "pyfingerprint", "biometric-other"),
    ("pypi", "chromadb", "embedding"),
    ("npm", "ai", "llm"),
    ("npm", "natural", "ml-scoring"),
    ("npm", "@runwayml/sdk", "generative-video"),
    ("npm", "@mediapipe/tasks-vision", "computer-vision"),
    ("crates", "async_openai", "llm"),
    ("go", "github.com/sashabaranov/go-openai", "llm"),
    ("maven", "de.kherud:llama", "llm"),
    ("maven", "org.apache.spark:spark-mllib_2.13", "ml-scoring"),
    ("maven", "com.google.mlkit:face-detection", "biometric-face"),
    ("nuget", "azure.ai.openai", "llm"),
    ("rubygems", "ruby-openai", "llm"),
    ("swiftpm", "WhisperKit", "speech-recognition"),
    ("cocoapods", "GoogleMLKit/FaceDetection", "biometric-face"),
    ("pub", "google_mlkit_face_detection", "biometric-face"),
    ("packagist", "openai-php/client", "llm"),
    ("apple", "Vision", "computer-vision"),
    ("android", "android.speech", "speech-recognition"),
];

#[test]
fn packages_have_their_kinds() {
    let k = knowledge();
    for (eco, name, kind) in PACKAGES {
        let p = k
            .signals
            .package(eco, name)
            .unwrap_or_else(|| panic!("{eco}:{name} missing"));
        assert_eq!(p.kind.as_str(), kind, "{eco}:{name}");
    }
}

#[test]
fn ambiguous_names_carry_a_note() {
    let k = knowledge();
    for (eco, name) in [
        ("npm", "ai"),
        ("npm", "natural"),
        ("npm", "brain.js"),
        ("pypi", "torch"),
        ("pypi", "transformers"),
        ("apple", "Vision"),
    ] {
        let p = k.signals.package(eco, name).unwrap();
        assert!(
            p.note.as_deref().is_some_and(|n| !n.is_empty()),
            "{eco}:{name}"
        );
    }
}

#[test]
fn non_ai_names_and_provenance_libraries_are_not_components() {
    let k = knowledge();
    for (eco, name) in [
        ("npm", "chai"),
        ("npm", "email-validator"),
        ("pypi", "raylib"),
        ("pypi", "moviepy"),
        ("pypi", "c2pa-python"),
        ("pypi", "invisible-watermark"),
        ("npm", "c2pa-node"),
        ("crates", "c2pa"),
    ] {
        assert!(k.signals.package(eco, name).is_none(), "{eco}:{name}");
    }
}

/// (ecosystem, imported module, package): import names that differ from the package name.
const MODULES: [(&str, &str, &str); 16] = [
    ("pypi", "sklearn.linear_model", "scikit-learn"),
    ("pypi", "cv2", "opencv-python"),
    ("pypi", "google.generativeai", "google-generativeai"),
    ("pypi", "google.genai.types", "google-genai"),
    ("pypi", "llama_cpp", "llama-cpp-python"),
    ("pypi", "whisper", "openai-whisper"),
    ("npm", "openai/resources/chat", "openai"),
    ("npm", "ai/react", "ai"),
    ("crates", "candle_core.Tensor", "candle-core"),
    (
        "go",
        "github.com/openai/openai-go/v3/option",
        "github.com/openai/openai-go/v3",
    ),
    ("maven", "de.kherud.llama.LlamaModel", "de.kherud:llama"),
    (
        "maven",
        "com.google.mlkit.vision.face.FaceDetection",
        "com.google.mlkit:face-detection",
    ),
    ("nuget", "OpenAI.Chat", "OpenAI"),
    ("rubygems", "google/cloud/vision", "google-cloud-vision"),
    (
        "cocoapods",
        "MLKitFaceDetection",
        "GoogleMLKit/FaceDetection",
    ),
    (
        "packagist",
        "OpenAI\\Laravel\\Facades\\OpenAI",
        "openai-php/laravel",
    ),
];

#[test]
fn modules_resolve_to_their_packages() {
    let k = knowledge();
    for (eco, module, package) in MODULES {
        let p = k
            .signals
            .package_of_module(eco, module)
            .unwrap_or_else(|| panic!("{eco}:{module} not resolved"));
        assert_eq!(p.name, package, "{eco}:{module}");
    }
    for (eco, module) in [
        ("npm", "./ai"),
        ("pypi", "ai_index"),
        ("pypi", "email"),
        ("npm", "chai"),
    ] {
        assert!(
            k.signals.package_of_module(eco, module).is_none(),
            "{eco}:{module}"
        );
    }
}

#[test]
fn hosts_and_variables_match_at_their_boundaries() {
    let k = knowledge();
    let service = |text: &str| -> Vec<String> {
        k.signals
            .text_signals(text)
            .iter()
            .map(|s| s.service.to_string())
            .collect()
    };
    for (text, expected) in [
        ("https://api.openai.com/v1/chat/completions", vec!["openai"]),
        (
            "https://kiosk.openai.azure.com/openai/deployments/gpt",
            vec!["azure-openai"],
        ),
        (
            "bedrock-runtime.eu-central-1.amazonaws.com",
            vec!["aws-bedrock"],
        ),
        (
            "https://europe-west4-aiplatform.googleapis.com/v1",
            vec!["google-vertex-ai"],
        ),
        ("http://localhost:11434/api/chat", vec!["ollama"]),
        ("NEXT_PUBLIC_ELEVENLABS_API_KEY", vec!["elevenlabs"]),
        ("AZURE_OPENAI_API_KEY", vec!["azure-openai"]),
        (
            "https://myres.cognitiveservices.azure.com/face/v1.0/detect",
            vec!["azure-face"],
        ),
        ("https://api.openai.com.evil.example/v1", vec![]),
        ("https://notapi.openai.com/", vec![]),
        ("https://s3.eu-central-1.amazonaws.com/bucket", vec![]),
        ("http://localhost:3000", vec![]),
        ("OPENAI_API_KEYS_ROTATED", vec![]),
        ("support@api.openai.com", vec![]),
    ] {
        assert_eq!(service(text), expected, "{text}");
    }
}
