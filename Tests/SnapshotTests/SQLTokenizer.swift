/// Splits SQL into tokens for comparisons that ignore layout and comments: keywords and
/// unquoted identifiers fold to lower case; a dollar-quoted body becomes its own tokens.
enum SQLTokenizer {
  static func tokens(_ sql: String) -> [String] {
    var tokens: [String] = []
    let chars = Array(sql)
    var i = 0
    func peek(_ offset: Int = 0) -> Character? {
      i + offset < chars.count ? chars[i + offset] : nil
    }
    while i < chars.count {
      let ch = chars[i]
      if ch.isWhitespace {
        i += 1
      } else if ch == "-", peek(1) == "-" {
        while i < chars.count, chars[i] != "\n" { i += 1 }
      } else if ch == "'" {
        var literal = "'"
        i += 1
        while i < chars.count {
          if chars[i] == "'" {
            if peek(1) == "'" {
              literal += "''"
              i += 2
              continue
            }
            i += 1
            break
          }
          literal.append(chars[i])
          i += 1
        }
        tokens.append(literal + "'")
      } else if ch == "$", let close = dollarTagEnd(chars, from: i) {
        let tag = String(chars[i...close])
        let bodyStart = close + 1
        var j = bodyStart
        while j < chars.count,
          !String(chars[j..<min(chars.count, j + tag.count)]).elementsEqual(tag)
        { j += 1 }
        tokens.append("$body$")
        tokens += Self.tokens(String(chars[bodyStart..<j]))
        tokens.append("$body$")
        i = j + tag.count
      } else if ch == "\"" {
        var identifier = "\""
        i += 1
        while i < chars.count {
          if chars[i] == "\"" {
            if peek(1) == "\"" {
              identifier += "\"\""
              i += 2
              continue
            }
            i += 1
            break
          }
          identifier.append(chars[i])
          i += 1
        }
        tokens.append(identifier + "\"")
      } else if ch.isLetter || ch == "_" {
        var word = ""
        while let c = peek(), c.isLetter || c.isNumber || c == "_" || c == "$" {
          word.append(c)
          i += 1
        }
        tokens.append(word.lowercased())
      } else if ch.isNumber {
        var number = ""
        while let c = peek(), c.isNumber || c == "." {
          number.append(c)
          i += 1
        }
        tokens.append(number)
      } else {
        let two = peek(1).map { String([ch, $0]) }
        if let two, ["::", "<>", "<=", ">=", "!=", "||"].contains(two) {
          tokens.append(two)
          i += 2
        } else {
          tokens.append(String(ch))
          i += 1
        }
      }
    }
    return tokens
  }

  /// The index of the `$` closing a dollar-quote tag opened at `start`, if one is.
  private static func dollarTagEnd(_ chars: [Character], from start: Int) -> Int? {
    var j = start + 1
    while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
    return j < chars.count && chars[j] == "$" ? j : nil
  }
}
