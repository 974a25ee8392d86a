//! NuGet: `<PackageReference Include="…">` and `<PackageVersion Include="…">` of MSBuild
//! projects and props (`*.csproj`, `Directory.Packages.props`), `<package id="…">` of
//! `packages.config`; read with quick-xml, reported at the attribute value.

use super::{Entries, offset_in};
use quick_xml::Reader;
use quick_xml::events::Event;

pub(super) fn msbuild(text: &str, out: &mut Entries) -> Result<(), String> {
    let mut reader = Reader::from_str(text);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("{e} at byte {}", reader.error_position()))?;
        let element = match &event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::Eof => break,
            _ => continue,
        };
        let attribute = match element.local_name().as_ref() {
            "PackageReference" | "PackageVersion" => "Include",
            "package" => "id",
            _ => continue,
        };
        for attr in element.attributes().flatten() {
            let key = attr.key.local_name();
            if key.as_ref() != attribute && key.as_ref() != "Update" {
                continue;
            }
            let value: &str = &attr.value;
            let name = value.trim();
            let at = offset_in(text, name).unwrap_or(0);
            out.dependency("nuget", name, at, at + name.len());
        }
    }
    Ok(())
}
