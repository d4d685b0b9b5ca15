import Testing
@Test func studiesPlaceholder() {}
