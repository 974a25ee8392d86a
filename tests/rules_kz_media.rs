//! An image-generation service: the synthetic-marking diagnostic at the save call, and none once
//! a C2PA manifest or an IPTC digital source type is written there.

mod rules_support;

use rules_support::{check, copy_fixture, edit, fixture, of_rules};

const SAVE: &str = "    image.save(dest, format=\"PNG\")\n";

#[test]
fn unmarked_generated_image_is_reported_at_the_save_call() {
    let (diags, report) = check(&fixture("kz-image-gen"));
    assert_eq!(
        of_rules(&diags, "kz.ai.synthetic-marking"),
        [(
            "kz.ai.synthetic-marking".to_string(),
            "app/generate.py".to_string(),
            16
        )]
    );
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "kz.ai.synthetic-marking")
        .unwrap();
    assert_eq!(d["column"], 5);
    assert!(d["message"].as_str().unwrap().contains("`image.save`"));
    assert!(d["citations"][0].as_str().unwrap().contains("Art. 21 p.2"));
}

#[test]
fn a_c2pa_manifest_signed_at_the_save_call_satisfies_the_rule() {
    let dir = copy_fixture("kz-image-gen");
    edit(
        dir.path(),
        "app/generate.py",
        "from diffusers import StableDiffusionPipeline\n",
        "from diffusers import StableDiffusionPipeline\nimport c2pa\n\n\
         MANIFEST = {\"claim_generator\": \"qala-art/1.0\", \"assertions\": [{\"label\": \"c2pa.actions\", \
         \"data\": {\"actions\": [{\"action\": \"c2pa.created\", \"digitalSourceType\": \
         \"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"}]}}]}\n\
         SIGNER = c2pa.create_signer_from_files(\"keys/es256.pem\", \"keys/es256.pub\")\n",
    );
    edit(
        dir.path(),
        "app/generate.py",
        SAVE,
        "    raw = OUTPUT_DIR / f\"{poster_id}.raw.png\"\n    image.save(raw, format=\"PNG\")\n    \
         builder = c2pa.Builder(MANIFEST)\n    builder.sign_file(SIGNER, str(raw), str(dest))\n",
    );
    let (diags, _) = check(dir.path());
    assert_eq!(of_rules(&diags, "kz.ai.synthetic-marking"), []);
}

#[test]
fn an_iptc_digital_source_type_written_with_the_png_satisfies_the_rule() {
    let dir = copy_fixture("kz-image-gen");
    edit(
        dir.path(),
        "app/generate.py",
        "from pathlib import Path\n",
        "from pathlib import Path\n\nfrom PIL.PngImagePlugin import PngInfo\n",
    );
    edit(
        dir.path(),
        "app/generate.py",
        SAVE,
        "    metadata = PngInfo()\n    metadata.add_itxt(\"XML:com.adobe.xmp\", \
         '<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF><rdf:Description \
         Iptc4xmpExt:DigitalSourceType=\"http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\"/>\
         </rdf:RDF></x:xmpmeta>')\n    image.save(dest, format=\"PNG\", pnginfo=metadata)\n",
    );
    let (diags, _) = check(dir.path());
    assert_eq!(of_rules(&diags, "kz.ai.synthetic-marking"), []);
}

#[test]
fn a_mark_written_in_another_function_does_not_cover_the_save_call() {
    let dir = copy_fixture("kz-image-gen");
    rules_support::append(
        dir.path(),
        "app/generate.py",
        "\n\ndef describe_watermark() -> str:\n    return \"WatermarkEncoder dwtDct\"\n",
    );
    let (diags, report) = check(dir.path());
    assert_eq!(of_rules(&diags, "kz.ai.synthetic-marking").len(), 1);
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "kz.ai.synthetic-marking")
        .unwrap();
    assert!(
        d["related"][0]["message"]
            .as_str()
            .unwrap()
            .contains("outside this function")
    );
}
