/// The arguments of a call in named notation, set by parameter: `args.fromDate(d)`.
@dynamicMemberLookup
public final class ArgumentList<P: FunctionParameters> {
  var arguments: [NamedArgument] = []

  package init() {}

  /// The setter for one parameter.
  public subscript<B: SQLType>(dynamicMember keyPath: KeyPath<P, Parameter<B>>)
    -> ArgumentSetter<P, B>
  { ArgumentSetter(list: self, name: P()[keyPath: keyPath].name) }

  /// The setter for one parameter that takes no NULL.
  public subscript<B: SQLType>(dynamicMember keyPath: KeyPath<P, NotNullParameter<B>>)
    -> NotNullArgumentSetter<P, B>
  { NotNullArgumentSetter(list: self, name: P()[keyPath: keyPath].name) }
}

/// Passes one argument that is never NULL, of the parameter's type.
public struct NotNullArgumentSetter<P: FunctionParameters, B: SQLType> {
  let list: ArgumentList<P>
  let name: String

  /// `name => value`.
  public func callAsFunction(_ value: SQLExpression<B, NotNull>) {
    list.arguments.append(NamedArgument(name: name, value: value.node, typeName: B.sqlName))
  }
}

/// Passes one argument, of the parameter's type.
public struct ArgumentSetter<P: FunctionParameters, B: SQLType> {
  let list: ArgumentList<P>
  let name: String

  /// `name => value`.
  public func callAsFunction(_ value: SQLExpression<B, some Nullability>) {
    list.arguments.append(NamedArgument(name: name, value: value.node, typeName: B.sqlName))
  }

  /// `name => NULL`.
  public func callAsFunction(_: SQLNull) {
    list.arguments.append(
      NamedArgument(name: name, value: SQLNull.node(B.self), typeName: B.sqlName))
  }
}

extension Function {
  func namedCall(returns typeName: String, _ arguments: (ArgumentList<Parameters>) -> Void)
    -> SQLNode
  {
    let list = ArgumentList<Parameters>()
    arguments(list)
    let required = Parameters.declared.filter { ($0 as? any ParameterDefault)?.defaultValue == nil }
    return .namedCall(
      name, arguments: list.arguments, required: required.map(\.name), returns: typeName)
  }

  /// `name(p => value, …)`: the function called in named notation, so arguments with defaults
  /// may be left out, typed by what it returns. Generation fails when a parameter without a
  /// default is not passed, or when the scripts create the function with another result type.
  ///
  /// ```swift
  /// spendOf.call(returning: PG.Numeric.self) { $0.customerID(c.id) }
  /// // shop.spend_of(p_customer_id => c.id)
  /// ```
  public func call<B: SQLType>(
    returning _: B.Type, _ arguments: (ArgumentList<Parameters>) -> Void = { _ in }
  ) -> SQLExpression<B, Nullable> {
    .init(unchecked: namedCall(returns: B.sqlName, arguments))
  }
}

extension SelectBuilder {
  /// `FROM function(p => value, …) alias`: the rows of a set-returning function, read through
  /// `R`'s columns. Its arguments may read the sources before it.
  @discardableResult
  public func from<P: FunctionParameters, R: Relation>(
    _ function: Function<P>, rows _: R.Type, as alias: String,
    _ arguments: (ArgumentList<P>) -> Void = { _ in }
  ) -> Source<R> {
    let call = function.namedCall(returns: "SETOF \(R.qualifiedName)", arguments)
    let source = Source<R>(SourceReference(R.self, alias: alias, call: call))
    if core.from == nil {
      core.from = source.reference
    } else {
      core.joins.append(Join(kind: .cross, source: source.reference, condition: .none))
    }
    return source
  }
}
