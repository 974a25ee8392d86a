//! Runs the shell steps of `action.yml` as GitHub would, with a simulated environment
//! (`GITHUB_WORKSPACE`, `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`, `GITHUB_PATH`, `RUNNER_TEMP` in a
//! temp dir; `uses:` steps are checked, not run), and checks the annotations, the job summary,
//! the SARIF file and the exit code per `fail-on`.

mod ci_support;

use ci_support::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

struct Run {
    /// The exit code of the job: that of the first failing step, else 0.
    code: i32,
    stdout: String,
    summary: String,
    sarif: Option<PathBuf>,
    outputs: BTreeMap<String, BTreeMap<String, String>>,
    /// Keeps the runner's temp dir (and the SARIF file in it) alive.
    _github: tempfile::TempDir,
}

fn action() -> Value {
    let text = std::fs::read_to_string(manifest_dir().join("action.yml")).unwrap();
    serde_saphyr::from_str(&text).expect("action.yml parses")
}

/// Reads a `GITHUB_OUTPUT` file (`name=value` lines).
fn read_outputs(path: &Path) -> BTreeMap<String, String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Evaluates the `${{ … }}` expressions the action's `env:` and `with:` values use.
fn expand(
    value: &str,
    inputs: &BTreeMap<String, String>,
    steps: &BTreeMap<String, BTreeMap<String, String>>,
) -> String {
    let re = regex::Regex::new(r"\$\{\{\s*([^}]+?)\s*\}\}").unwrap();
    re.replace_all(value, |caps: &regex::Captures| {
        let expr = &caps[1];
        let parts: Vec<&str> = expr.split('.').collect();
        match parts.as_slice() {
            ["inputs", name] => inputs[*name].clone(),
            ["github", "action_path"] => manifest_dir().display().to_string(),
            ["github", "server_url"] => "https://github.com".into(),
            ["github", "repository"] => "kiosk-llp/kiosk".into(),
            ["github", "sha"] => "4f2a9c1".into(),
            ["runner", "os"] => "Linux".into(),
            ["steps", id, "outputs", name] => steps
                .get(*id)
                .and_then(|o| o.get(*name))
                .cloned()
                .unwrap_or_default(),
            _ => panic!("unsupported expression in action.yml: {expr}"),
        }
    })
    .into_owned()
}

fn run_action(workspace: &Path, given: &[(&str, &str)]) -> Run {
    let action = action();
    let mut inputs: BTreeMap<String, String> = action["inputs"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v["default"].as_str().unwrap_or("").to_string()))
        .collect();
    for (k, v) in given {
        assert!(inputs.contains_key(*k), "no input {k}");
        inputs.insert(k.to_string(), v.to_string());
    }
    assert_eq!(action["runs"]["using"], "composite");
    let github = tempfile::tempdir().unwrap();
    let home = github.path().join("home");
    let runner_temp = github.path().join("runner-temp");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&runner_temp).unwrap();
    let summary = github.path().join("step-summary.md");
    let github_path = github.path().join("path.txt");
    let mut path_dirs: Vec<String> = Vec::new();
    let mut steps: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut stdout = String::new();
    let mut code = 0;
    for (i, step) in action["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        if let Some(uses) = step["uses"].as_str() {
            // Not run here; its inputs must resolve.
            if uses.starts_with("github/codeql-action/upload-sarif") {
                let file = expand(
                    step["with"]["sarif_file"].as_str().unwrap(),
                    &inputs,
                    &steps,
                );
                if inputs["sarif"] == "true" {
                    assert!(Path::new(&file).is_file(), "upload-sarif gets {file}");
                }
            }
            if uses.starts_with("actions/cache") {
                let root = expand(step["with"]["path"].as_str().unwrap(), &inputs, &steps);
                // The cache restores a previous build: the one under test.
                let bin = Path::new(&root).join("bin");
                std::fs::create_dir_all(&bin).unwrap();
                std::os::unix::fs::symlink(ci_support::bin(), bin.join("aidisclose")).unwrap();
            }
            continue;
        }
        let script = step["run"].as_str().expect("a run step");
        assert_eq!(
            step["shell"], "bash",
            "composite run steps name their shell"
        );
        let output_file = github.path().join(format!("output-{i}.txt"));
        std::fs::write(&output_file, "").unwrap();
        let mut command = std::process::Command::new("bash");
        // As GitHub runs `shell: bash`: `bash --noprofile --norc -eo pipefail {0}`.
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c"])
            .arg(script)
            .current_dir(workspace)
            .env_clear()
            .env("HOME", &home)
            .env("GITHUB_WORKSPACE", workspace)
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GITHUB_PATH", &github_path)
            .env("RUNNER_TEMP", &runner_temp)
            .env("NO_COLOR", "1");
        let system_path = std::env::var("PATH").unwrap_or_default();
        let mut path = path_dirs.clone();
        path.push(system_path);
        command.env("PATH", path.join(":"));
        if let Some(env) = step["env"].as_object() {
            for (k, v) in env {
                command.env(k, expand(v.as_str().unwrap_or(""), &inputs, &steps));
            }
        }
        let result = command.output().expect("bash runs");
        stdout.push_str(&String::from_utf8_lossy(&result.stdout));
        path_dirs = std::fs::read_to_string(&github_path)
            .unwrap_or_default()
            .lines()
            .map(String::from)
            .collect();
        if let Some(id) = step["id"].as_str() {
            steps.insert(id.to_string(), read_outputs(&output_file));
        }
        if !result.status.success() {
            code = result.status.code().unwrap_or(-1);
            assert!(
                code != 2 || step["id"] == "scan",
                "step {i} failed: {}",
                String::from_utf8_lossy(&result.stderr)
            );
            break;
        }
    }
    let sarif = steps
        .get("scan")
        .and_then(|o| o.get("sarif-file"))
        .map(PathBuf::from)
        .filter(|p| p.is_file());
    Run {
        code,
        stdout,
        summary: std::fs::read_to_string(&summary).unwrap_or_default(),
        sarif,
        outputs: steps,
        _github: github,
    }
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&manifest_dir().join("tests/fixtures/ci-kiosk"), dir.path());
    dir
}

#[test]
fn one_scan_gives_annotations_summary_and_sarif_and_fails_on_errors() {
    let ws = workspace();
    let run = run_action(ws.path(), &[]);
    assert_eq!(run.code, 1, "fails per the default fail-on (error)");
    assert_eq!(run.outputs["scan"]["exit-code"], "1");
    let annotation = run
        .stdout
        .lines()
        .find(|l| l.starts_with("::error "))
        .expect("an annotation");
    assert!(
        annotation.starts_with("::error file=kiosk/app/assistant.py,line=9,endLine=9,col=16,"),
        "{annotation}"
    );
    assert!(annotation.contains("title=aidisclose kz.consumer.ai-risks-safe-use::"));
    assert!(
        run.summary.starts_with("## aidisclose: ❌ failed"),
        "{}",
        run.summary
    );
    assert!(
        run.summary
            .contains("[kiosk/app/assistant\\.py:9](https://github.com/kiosk-llp/kiosk/blob/4f2a9c1/kiosk/app/assistant.py#L9)")
            || run.summary.contains("[kiosk/app/assistant.py:9](https://github.com/kiosk-llp/kiosk/blob/4f2a9c1/kiosk/app/assistant.py#L9)"),
        "{}",
        run.summary
    );
    assert!(
        run.summary
            .contains("<details><summary>AI components (1)</summary>")
    );
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(run.sarif.expect("a SARIF file")).unwrap())
            .unwrap();
    validate_sarif(&sarif, "action");
    assert_eq!(sarif["runs"][0]["results"].as_array().unwrap().len(), 1);
}

#[test]
fn fail_on_never_passes_and_inputs_switch_outputs_off() {
    let ws = workspace();
    let run = run_action(ws.path(), &[("fail-on", "never")]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("::error file=kiosk/app/assistant.py"));
    assert!(run.summary.contains("kz.consumer.ai-risks-safe-use"));

    let run = run_action(
        ws.path(),
        &[
            ("fail-on", "never"),
            ("annotations", "false"),
            ("summary", "false"),
            ("sarif", "false"),
        ],
    );
    assert_eq!(run.code, 0);
    assert!(!run.stdout.contains("::error"), "{}", run.stdout);
    assert!(
        run.stdout.contains("kz.consumer.ai-risks-safe-use"),
        "human output instead"
    );
    assert!(run.summary.is_empty());
    assert!(run.sarif.is_none());
}

#[test]
fn a_baseline_input_lets_known_findings_pass() {
    let ws = workspace();
    let output = run(
        ws.path(),
        &[
            "check",
            ".",
            "--write-baseline",
            ".aidisclose-baseline.json",
        ],
    );
    assert_eq!(output.status.code(), Some(0));
    let run = run_action(ws.path(), &[("baseline", ".aidisclose-baseline.json")]);
    assert_eq!(run.code, 0);
    assert!(!run.stdout.contains("::error"));
    assert!(
        run.summary.starts_with("## aidisclose: ✅ passed"),
        "{}",
        run.summary
    );
    assert!(run.summary.contains("1 suppressed"));
}

#[test]
fn a_config_error_fails_the_job_with_exit_code_2() {
    let ws = workspace();
    std::fs::write(ws.path().join(".aidisclose.yml"), "languages: [kk, de]\n").unwrap();
    let run = run_action(ws.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stdout
            .contains("::error title=aidisclose::the scan failed (exit code 2)")
    );
}
