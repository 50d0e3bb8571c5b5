//! Editing the shape of a theme map in memory: add, rename, move and remove sections,
//! categories and themes, and set a theme's codes. Each change is checked (no empty titles,
//! no theme name twice in one category); [`super::edit::update`] writes it under the lock.

use std::collections::BTreeMap;

use crate::error::{Error, Result};

use super::map::{Category, Section, Theme, ThemeMap, ThemePath};

/// A place in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Node {
    Section(usize),
    Category(usize, usize),
    Theme(ThemePath),
}

fn missing() -> Error {
    Error::user("that part of the theme map no longer exists; reload it")
}

fn needs_text(what: &str, s: &str) -> Result<String> {
    let t = s.trim();
    if t.is_empty() {
        return Err(Error::user(format!("{what} cannot be empty")));
    }
    Ok(t.to_string())
}

/// Finds a section by title (case-insensitive); `None` finds the only section when there is one.
pub fn find_section(map: &ThemeMap, title: Option<&str>) -> Result<usize> {
    match title {
        Some(t) => map
            .sections
            .iter()
            .position(|s| {
                s.title
                    .as_deref()
                    .is_some_and(|x| x.trim().eq_ignore_ascii_case(t.trim()))
            })
            .ok_or_else(|| Error::user(format!("no section '{t}'"))),
        None if map.sections.len() == 1 => Ok(0),
        None if map.sections.is_empty() => Err(Error::user(
            "the theme map has no section yet; add one first (`thematic themes add-section`)",
        )),
        None => Err(Error::user(
            "the theme map has several sections; name one with --section",
        )),
    }
}

/// Finds a category of a section by title (case-insensitive).
pub fn find_category(map: &ThemeMap, section: usize, title: &str) -> Option<usize> {
    map.sections
        .get(section)?
        .categories
        .iter()
        .position(|c| c.title.trim().eq_ignore_ascii_case(title.trim()))
}

pub fn add_section(
    map: &mut ThemeMap,
    title: Option<&str>,
    filter: Option<BTreeMap<String, String>>,
) -> Result<usize> {
    let title = title
        .map(|t| needs_text("a section title", t))
        .transpose()?;
    if let Some(t) = &title
        && find_section(map, Some(t)).is_ok()
    {
        return Err(Error::user(format!("there is already a section '{t}'")));
    }
    map.sections.push(Section {
        title,
        filter: filter.filter(|f| !f.is_empty()),
        categories: Vec::new(),
    });
    Ok(map.sections.len() - 1)
}

pub fn add_category(map: &mut ThemeMap, section: usize, title: &str) -> Result<usize> {
    let title = needs_text("a category title", title)?;
    if find_category(map, section, &title).is_some() {
        return Err(Error::user(format!(
            "this section already has a category '{title}'"
        )));
    }
    let s = map.sections.get_mut(section).ok_or_else(missing)?;
    s.categories.push(Category {
        title,
        themes: Vec::new(),
    });
    Ok(s.categories.len() - 1)
}

fn name_taken(c: &Category, name: &str, except: Option<usize>) -> bool {
    c.themes
        .iter()
        .enumerate()
        .any(|(i, t)| Some(i) != except && t.name.trim().eq_ignore_ascii_case(name.trim()))
}

pub fn add_theme(
    map: &mut ThemeMap,
    section: usize,
    category: usize,
    name: &str,
    description: &str,
    codes: Vec<String>,
) -> Result<ThemePath> {
    let name = needs_text("a theme name", name)?;
    let c = map
        .sections
        .get_mut(section)
        .and_then(|s| s.categories.get_mut(category))
        .ok_or_else(missing)?;
    if name_taken(c, &name, None) {
        return Err(Error::user(format!(
            "category '{}' already has a theme '{name}'",
            c.title
        )));
    }
    c.themes.push(Theme {
        name,
        description: description.trim().to_string(),
        codes,
        quotes: Vec::new(),
    });
    Ok(ThemePath {
        section,
        category,
        theme: c.themes.len() - 1,
    })
}

/// Renames a section, category or theme (a section may also lose its title: `None`).
pub fn rename(map: &mut ThemeMap, node: Node, new: Option<&str>) -> Result<()> {
    match node {
        Node::Section(s) => {
            let title = new.map(|t| needs_text("a section title", t)).transpose()?;
            if let Some(t) = &title
                && find_section(map, Some(t)).is_ok_and(|i| i != s)
            {
                return Err(Error::user(format!("there is already a section '{t}'")));
            }
            map.sections.get_mut(s).ok_or_else(missing)?.title = title;
        }
        Node::Category(s, c) => {
            let title = needs_text("a category title", new.unwrap_or(""))?;
            if find_category(map, s, &title).is_some_and(|i| i != c) {
                return Err(Error::user(format!(
                    "this section already has a category '{title}'"
                )));
            }
            let cat = map
                .sections
                .get_mut(s)
                .and_then(|x| x.categories.get_mut(c));
            cat.ok_or_else(missing)?.title = title;
        }
        Node::Theme(p) => {
            let name = needs_text("a theme name", new.unwrap_or(""))?;
            let c = map
                .sections
                .get_mut(p.section)
                .and_then(|s| s.categories.get_mut(p.category))
                .ok_or_else(missing)?;
            if name_taken(c, &name, Some(p.theme)) {
                return Err(Error::user(format!(
                    "category '{}' already has a theme '{name}'",
                    c.title
                )));
            }
            c.themes.get_mut(p.theme).ok_or_else(missing)?.name = name;
        }
    }
    Ok(())
}

fn shift<T>(v: &mut [T], i: usize, by: isize) -> Result<usize> {
    if i >= v.len() {
        return Err(missing());
    }
    let to = (i as isize + by).clamp(0, v.len() as isize - 1) as usize;
    if to < i {
        v[to..=i].rotate_right(1);
    } else {
        v[i..=to].rotate_left(1);
    }
    Ok(to)
}

/// Moves a node `by` places among its siblings (negative: up); returns where it is now.
pub fn move_node(map: &mut ThemeMap, node: Node, by: isize) -> Result<Node> {
    Ok(match node {
        Node::Section(s) => Node::Section(shift(&mut map.sections, s, by)?),
        Node::Category(s, c) => {
            let sec = map.sections.get_mut(s).ok_or_else(missing)?;
            Node::Category(s, shift(&mut sec.categories, c, by)?)
        }
        Node::Theme(p) => {
            let cat = map
                .sections
                .get_mut(p.section)
                .and_then(|s| s.categories.get_mut(p.category))
                .ok_or_else(missing)?;
            let t = shift(&mut cat.themes, p.theme, by)?;
            Node::Theme(ThemePath { theme: t, ..p })
        }
    })
}

/// Removes a node with everything under it.
pub fn remove(map: &mut ThemeMap, node: Node) -> Result<()> {
    match node {
        Node::Section(s) if s < map.sections.len() => {
            map.sections.remove(s);
        }
        Node::Category(s, c) if map.sections.get(s).is_some_and(|x| c < x.categories.len()) => {
            map.sections[s].categories.remove(c);
        }
        Node::Theme(p) if map.theme(p).is_some() => {
            map.sections[p.section].categories[p.category]
                .themes
                .remove(p.theme);
        }
        _ => return Err(missing()),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> ThemeMap {
        let mut m = ThemeMap::default();
        let s = add_section(&mut m, Some("Mentee response"), None).unwrap();
        let c = add_category(&mut m, s, "Positive").unwrap();
        for name in ["A", "B", "C"] {
            add_theme(&mut m, s, c, name, "", vec![]).unwrap();
        }
        m
    }

    fn names(m: &ThemeMap) -> Vec<&str> {
        m.sections[0].categories[0]
            .themes
            .iter()
            .map(|t| t.name.as_str())
            .collect()
    }

    #[test]
    fn themes_move_within_their_category_and_stop_at_the_ends() {
        let mut m = map();
        let p = |t| {
            Node::Theme(ThemePath {
                section: 0,
                category: 0,
                theme: t,
            })
        };
        assert_eq!(move_node(&mut m, p(2), -1).unwrap(), p(1));
        assert_eq!(names(&m), ["A", "C", "B"]);
        assert_eq!(move_node(&mut m, p(0), 5).unwrap(), p(2));
        assert_eq!(names(&m), ["C", "B", "A"]);
        assert_eq!(move_node(&mut m, p(0), -3).unwrap(), p(0));
        assert_eq!(names(&m), ["C", "B", "A"]);
    }

    #[test]
    fn names_are_checked() {
        let mut m = map();
        let p = ThemePath {
            section: 0,
            category: 0,
            theme: 0,
        };
        assert!(
            add_theme(&mut m, 0, 0, " b ", "", vec![]).is_err(),
            "same name twice"
        );
        assert!(rename(&mut m, Node::Theme(p), Some("B")).is_err());
        assert!(rename(&mut m, Node::Theme(p), Some("  ")).is_err());
        rename(&mut m, Node::Theme(p), Some("Similar interests")).unwrap();
        assert_eq!(names(&m), ["Similar interests", "B", "C"]);
        assert!(add_section(&mut m, Some("mentee RESPONSE"), None).is_err());
        assert!(add_category(&mut m, 0, "positive").is_err());
        rename(&mut m, Node::Section(0), None).unwrap();
        assert_eq!(m.sections[0].title, None);
    }

    #[test]
    fn removing_takes_everything_under_it() {
        let mut m = map();
        remove(
            &mut m,
            Node::Theme(ThemePath {
                section: 0,
                category: 0,
                theme: 1,
            }),
        )
        .unwrap();
        assert_eq!(names(&m), ["A", "C"]);
        remove(&mut m, Node::Category(0, 0)).unwrap();
        assert!(m.sections[0].categories.is_empty());
        assert!(remove(&mut m, Node::Category(0, 0)).is_err());
        remove(&mut m, Node::Section(0)).unwrap();
        assert!(m.sections.is_empty());
    }
}
