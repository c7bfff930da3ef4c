import Foundation
import Testing

/// A small checker of a generated page's grammar: every `<` opens or closes a known element;
/// inside a tag only `name="value"` pairs with no `<`, `>` or `"` in a value; every `&` begins
/// one of the entities the escaping writes; `<style>` and `<script>` bodies are skipped.
enum PageGrammar {
    static let elements: Set<String> = [
        "html", "head", "meta", "title", "style", "script", "body", "header", "h1", "h2", "p", "nav", "a", "section",
        "table", "caption", "thead", "tbody", "tr", "th", "td", "span", "figure", "details", "summary",
        "svg", "desc", "defs", "pattern", "g", "path", "rect", "circle", "line", "polygon", "text",
    ]
    static let void: Set<String> = ["meta"]

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    static func check(_ html: String, page: String) throws {
        let chars = Array(html.unicodeScalars)
        var i = 0
        var stack: [String] = []
        func isNameChar(_ c: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c) || c == "-" || c == ":"
        }
        func starts(_ text: String, at index: Int) -> Bool {
            let scalars = Array(text.unicodeScalars)
            return index + scalars.count <= chars.count && Array(chars[index..<index + scalars.count]) == scalars
        }
        if starts("<!DOCTYPE html>", at: 0) { i = 15 }
        while i < chars.count {
            let c = chars[i]
            if c == "&" {
                let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains { starts($0, at: i) }
                guard ok else {
                    Issue.record("\(page): stray & at \(i)")
                    return
                }
                i += 1
                continue
            }
            if c == ">" || c == "\"" {
                Issue.record("\(page): bare \(c) in text at \(i)")
                return
            }
            guard c == "<" else {
                i += 1
                continue
            }
            i += 1
            let closing = i < chars.count && chars[i] == "/"
            if closing { i += 1 }
            var name = ""
            while i < chars.count, isNameChar(chars[i]) {
                name.unicodeScalars.append(chars[i])
                i += 1
            }
            guard elements.contains(name) else {
                Issue.record("\(page): unknown element <\(closing ? "/" : "")\(name) at \(i)")
                return
            }
            if closing {
                guard i < chars.count, chars[i] == ">", stack.popLast() == name else {
                    Issue.record("\(page): bad closing tag \(name) at \(i)")
                    return
                }
                i += 1
                continue
            }
            while true {
                while i < chars.count, chars[i] == " " { i += 1 }
                guard i < chars.count else {
                    Issue.record("\(page): unterminated tag")
                    return
                }
                if chars[i] == "/" { i += 1 }
                if chars[i] == ">" {
                    i += 1
                    if !void.contains(name) { stack.append(name) }
                    break
                }
                var attribute = ""
                while i < chars.count, isNameChar(chars[i]) {
                    attribute.unicodeScalars.append(chars[i])
                    i += 1
                }
                guard !attribute.isEmpty, i + 1 < chars.count, chars[i] == "=", chars[i + 1] == "\"" else {
                    Issue.record("\(page): bad attribute in <\(name) at \(i)")
                    return
                }
                i += 2
                while i < chars.count, chars[i] != "\"" {
                    guard chars[i] != "<", chars[i] != ">" || attribute == "content" else {
                        Issue.record("\(page): < or > inside attribute \(attribute) of <\(name)")
                        return
                    }
                    i += 1
                }
                i += 1
            }
            // Raw text bodies: skip to their closing tag.
            if name == "style" || name == "script" {
                while i < chars.count, !starts("</\(name)>", at: i) { i += 1 }
            }
        }
        #expect(stack.isEmpty, "\(page): unclosed \(stack)")
    }
}
