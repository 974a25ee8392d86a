//! Maven: `pom.xml` `<dependency>` elements (dependencies, dependencyManagement, plugins),
//! read with quick-xml; reported at the `<artifactId>` text.

use super::{Entries, offset_in};
use quick_xml::Reader;
use quick_xml::events::Event;

pub(super) fn pom(text: &str, out: &mut Entries) -> Result<(), String> {
    let mut reader = Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut group = String::new();
    let mut artifact: Option<(String, usize)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("{e} at byte {}", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                let name = e.local_name().as_ref().to_string();
                if name == "dependency" {
                    group.clear();
                    artifact = None;
                }
                path.push(name);
            }
            Event::End(_) => {
                if path.pop().as_deref() == Some("dependency")
                    && let Some((a, at)) = artifact.take()
                {
                    out.dependency("maven", &format!("{group}:{a}"), at, at + a.len());
                }
            }
            Event::Text(t) => {
                let in_dependency = path.len() >= 2 && path[path.len() - 2] == "dependency";
                let value: &str = &t;
                let trimmed = value.trim();
                match path.last().map(String::as_str) {
                    Some("groupId") if in_dependency => group = trimmed.to_string(),
                    Some("artifactId") if in_dependency => {
                        let at = offset_in(text, trimmed).unwrap_or(0);
                        artifact = Some((trimmed.to_string(), at));
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(())
}
