/// `COMMENT ON object IS 'text';`: a description shown by `\d+` and database tools.
public struct CommentOn: SQLStatement {
  let kind: String
  let target: PrivilegeTarget
  let text: String

  /// `COMMENT ON MATERIALIZED VIEW name IS 'text';`
  public static func materializedView<R: Relation>(_: R.Type, _ text: String) -> Self {
    Self(kind: "MATERIALIZED VIEW", target: .relation(R.qualifiedName), text: text)
  }

  /// `COMMENT ON FUNCTION name(argument types) IS 'text';`
  public static func function<P: FunctionParameters>(_ function: Function<P>, _ text: String)
    -> Self
  {
    Self(kind: "FUNCTION", target: .function(function.signature), text: text)
  }

  /// `COMMENT ON TABLE name IS 'text';`
  public static func table<R: Relation>(_: R.Type, _ text: String) -> Self {
    Self(kind: "TABLE", target: .relation(R.qualifiedName), text: text)
  }

  /// `COMMENT ON VIEW name IS 'text';`
  public static func view<R: Relation>(_: R.Type, _ text: String) -> Self {
    Self(kind: "VIEW", target: .relation(R.qualifiedName), text: text)
  }

  public func render(into writer: inout SQLWriter) {
    let object = target.objectName(&writer)
    writer.line("COMMENT ON \(kind) \(object) IS \(PostgreSQL.stringLiteral(text));")
  }
}

extension CommentOn: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) { target.validate(&validator) }
}
