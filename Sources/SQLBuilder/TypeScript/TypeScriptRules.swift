/// Rules on the TypeScript a ``TypeScriptFile`` writes: every column and parameter has a type
/// PostgREST's JSON gives it, every function a schema (the `Database` shape is keyed by schema),
/// and every name it declares is an identifier declared once.
enum TypeScriptRules {
  enum Finding: SQLFinding, Hashable {
    /// A column or parameter of a type ``TypeScriptJSONType`` has no TypeScript type for.
    case noTypeScriptType(member: String, sqlType: String)
    /// A function without a schema: PostgREST and the `Database` shape name it with one.
    case functionWithoutSchema
    /// A name derived from a declaration is not a TypeScript identifier.
    case notAnIdentifier(String)
    /// Two declarations give one TypeScript name.
    case nameDeclaredTwice(String)

    var message: String {
      switch self {
      case .noTypeScriptType(let member, let sqlType):
        return
          "\(member) is of type \(sqlType), which has no TypeScript type here: add its JSON form to TypeScriptJSONType"
      case .functionWithoutSchema:
        return "has no schema; declare it as Function(\"public\", …) for PostgREST to call it"
      case .notAnIdentifier(let name):
        return "gives the TypeScript name \(name), which is not an identifier"
      case .nameDeclaredTwice(let name):
        return "declares \(name) twice in one TypeScript file"
      }
    }
  }

  /// The problems of `file`, in order.
  static func check(_ file: TypeScriptFile) -> [SQLDiagnostic] {
    var found: [SQLDiagnostic] = []
    var declared: [String: QualifiedName] = [:]
    func declare(_ name: String, by object: String, for relation: QualifiedName? = nil) {
      guard isIdentifier(name) else {
        found.append(SQLDiagnostic(object: object, finding: Finding.notAnIdentifier(name)))
        return
      }
      // A row type returned by two functions is one declaration; another relation's is not.
      if let earlier = declared[name], relation == nil || earlier != relation {
        found.append(SQLDiagnostic(object: object, finding: Finding.nameDeclaredTwice(name)))
      }
      declared[name] = relation ?? QualifiedName(name)
    }
    declare(file.databaseTypeName, by: "TypeScript file")
    for function in file.functions {
      let object = "function \(function.name)"
      if function.name.schema == nil {
        found.append(SQLDiagnostic(object: object, finding: Finding.functionWithoutSchema))
      }
      declare(function.wrapperName, by: object)
      declare(function.argumentsTypeName, by: object)
      declare(function.rowTypeName, by: "relation \(function.relation)", for: function.relation)
      for member in function.parameters where member.typeScriptType == nil {
        found.append(
          SQLDiagnostic(
            object: object,
            finding: Finding.noTypeScriptType(
              member: "parameter \(member.name)", sqlType: member.sqlType)))
      }
      for member in function.columns where member.typeScriptType == nil {
        found.append(
          SQLDiagnostic(
            object: "relation \(function.relation)",
            finding: Finding.noTypeScriptType(
              member: "column \(member.name)", sqlType: member.sqlType)))
      }
    }
    return found
  }

  /// Words TypeScript reserves as names of functions and types.
  static let reserved: Set<String> = [
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
    "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import",
    "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try",
    "typeof", "var", "void", "while", "with", "any", "boolean", "number", "string", "symbol",
    "unknown", "never", "object", "bigint", "undefined",
  ]

  /// Whether `name` is an identifier a declaration may take: a word, not a reserved one.
  static func isIdentifier(_ name: String) -> Bool { isWord(name) && !reserved.contains(name) }

  /// Whether `name` is letters, digits, `_` and `$` (ASCII), not first a digit: what a property
  /// key may be without quotes.
  static func isWord(_ name: String) -> Bool {
    func letter(_ c: Unicode.Scalar) -> Bool {
      c.isASCII && (c.properties.isAlphabetic || c == "_" || c == "$")
    }
    guard let first = name.unicodeScalars.first, letter(first) else { return false }
    return name.unicodeScalars.allSatisfy { letter($0) || ("0"..."9").contains($0) }
  }
}
