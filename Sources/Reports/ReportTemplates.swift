/// The page template and its style sheet. Mustache escapes every `{{value}}` for HTML (including
/// quotes, so values are safe in attributes too); the one triple-mustache, `{{{svg}}}`, inserts a
/// figure that ``InlineSVG`` has checked.
enum ReportTemplates {
    static let page = #"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
        <meta name="generator" content="Ballast">
        <title>{{kind}}: {{title}}</title>
        <style>{{{style}}}</style>
        </head>
        <body>
        <header>
        <p class="kind">{{kind}}</p>
        <h1>{{title}}</h1>
        {{#question}}<p class="question">{{.}}</p>{{/question}}
        <nav aria-label="Contents"><ol>{{#sections}}<li><a href="#{{anchor}}">{{heading}}</a></li>{{/sections}}</ol></nav>
        </header>
        <main>
        {{#sections}}
        <section id="{{anchor}}" aria-labelledby="{{anchor}}-heading">
        <h2 id="{{anchor}}-heading">{{heading}}</h2>
        {{#blocks}}
        {{#paragraph}}<p>{{.}}</p>{{/paragraph}}
        {{#subheading}}<h3>{{.}}</h3>{{/subheading}}
        {{#facts}}<dl class="facts">{{#items}}<div><dt>{{term}}</dt><dd>{{detail}}</dd></div>{{/items}}</dl>{{/facts}}
        {{#list}}<ul{{#warning}} class="warnings"{{/warning}}>{{#items}}<li>{{.}}</li>{{/items}}</ul>{{/list}}
        {{#code}}<pre><code>{{.}}</code></pre>{{/code}}
        {{#table}}
        <div class="table-wrap" role="region" aria-labelledby="{{anchor}}-caption" tabindex="0">
        <table id="{{anchor}}">
        <caption id="{{anchor}}-caption">{{caption}}</caption>
        <thead>{{#headerRows}}<tr>{{#cells}}<th scope="{{#span}}colgroup{{/span}}{{^span}}col{{/span}}"{{#span}} colspan="{{.}}"{{/span}}>{{text}}</th>{{/cells}}</tr>{{/headerRows}}</thead>
        <tbody>
        {{#rows}}<tr>{{#cells}}{{#rowHeader}}<th scope="row"{{#column}} data-column="{{.}}"{{/column}}{{#value}} data-value="{{.}}"{{/value}}>{{text}}</th>{{/rowHeader}}{{^rowHeader}}<td{{#numeric}} class="num"{{/numeric}}{{#column}} data-column="{{.}}"{{/column}}{{#value}} data-value="{{.}}"{{/value}}>{{text}}</td>{{/rowHeader}}{{/cells}}</tr>
        {{/rows}}
        </tbody>
        </table>
        </div>
        {{/table}}
        {{#figure}}
        <figure id="{{anchor}}">
        {{#svg}}<div class="chart-wrap">{{{.}}}</div>{{/svg}}
        {{#absentNote}}<p class="absent" role="note">{{.}}</p>{{/absentNote}}
        <figcaption id="{{anchor}}-caption">{{caption}}</figcaption>
        <p class="alt" id="{{anchor}}-alt">{{textAlternative}}</p>
        </figure>
        {{/figure}}
        {{/blocks}}
        </section>
        {{/sections}}
        </main>
        <footer><p>{{footer}}</p></footer>
        </body>
        </html>

        """#

    /// System fonts only (nothing is fetched); readable at 1280 px and on a phone; prints to A4 or
    /// Letter with figures scaled to the page and never split.
    static let style = """
        :root { color-scheme: light; --ink: #1b1f24; --muted: #555d66; --rule: #d0d5db; --accent: #0b5cad; --warn: #8a4b00; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0 auto; max-width: 82rem; padding: 1.5rem 1.25rem 3rem; color: var(--ink); background: #fff;
          font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 0.6rem; overflow-wrap: anywhere; }
        h2 { font-size: 1.35rem; margin: 2.2rem 0 0.8rem; padding-top: 0.6rem; border-top: 1px solid var(--rule); }
        h3 { font-size: 1.1rem; margin: 1.4rem 0 0.5rem; }
        p, li, dd { overflow-wrap: break-word; }
        main > section > p, .alt, ul { max-width: 62rem; }
        .kind { margin: 0; color: var(--muted); text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.85rem; }
        .question { font-size: 1.15rem; margin: 0 0 1rem; max-width: 60rem; white-space: pre-line; }
        nav ol { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; padding: 0; margin: 0.5rem 0 0; list-style: none; }
        nav a { color: var(--accent); }
        .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(34rem, 1fr)); gap: 0 2rem; margin: 0.5rem 0 1rem; }
        .facts div { display: flex; gap: 0.8rem; border-bottom: 1px dotted var(--rule); padding: 0.3rem 0; }
        .facts dt { flex: 0 0 13rem; color: var(--muted); }
        .facts dd { margin: 0; min-width: 0; font-variant-numeric: tabular-nums; }
        ul.warnings li { color: var(--warn); }
        pre { background: #f4f6f8; border: 1px solid var(--rule); padding: 0.7rem 0.9rem; overflow-x: auto; white-space: pre-wrap;
          overflow-wrap: anywhere; font-size: 0.9rem; }
        .table-wrap { overflow-x: auto; margin: 0.5rem 0 1.2rem; border: 1px solid var(--rule); }
        .table-wrap:focus { outline: 2px solid var(--accent); }
        table { border-collapse: collapse; width: 100%; font-size: 0.85rem; font-variant-numeric: tabular-nums; }
        caption { text-align: left; padding: 0.5rem 0.6rem; font-weight: 600; caption-side: top; }
        th, td { padding: 0.3rem 0.45rem; border-top: 1px solid var(--rule); white-space: nowrap; }
        thead th { background: #eef1f4; text-align: center; vertical-align: bottom; white-space: normal; min-width: 3.5rem; }
        tbody th { text-align: right; font-weight: 600; background: #fafbfc; }
        td.num { text-align: right; }
        tbody tr:nth-child(even) td { background: #fafbfc; }
        figure { margin: 1rem 0 1.8rem; }
        .chart-wrap { border: 1px solid var(--rule); background: #fff; }
        /* Full width, but never taller than the window (the run's four panels are tall). */
        svg.chart { display: block; margin: 0 auto; width: auto; height: auto; max-width: 100%; max-height: 88vh; }
        figcaption { font-weight: 600; margin-top: 0.5rem; }
        .alt { color: var(--muted); margin: 0.2rem 0 0; font-size: 0.92rem; }
        .absent { border: 1px dashed var(--warn); color: var(--warn); padding: 1rem; }
        footer { margin-top: 3rem; color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--rule); }
        @media (max-width: 40rem) {
          body { padding: 1rem 0.75rem 2rem; }
          h1 { font-size: 1.45rem; }
          .facts { grid-template-columns: 1fr; }
          .facts div { display: block; }
          .facts dt { font-size: 0.85rem; }
          table { font-size: 0.8rem; }
          caption { max-width: 85vw; }
        }
        @media print {
          @page { margin: 12mm; }
          /* Wide tables print on landscape pages of the same paper (A4 or Letter). */
          @page wide { size: landscape; margin: 12mm; }
          #estimates, #differences, #points { page: wide; }
          body { max-width: none; padding: 0; font-size: 10pt; }
          nav { display: none; }
          .facts { grid-template-columns: 1fr; }
          h2 { break-after: avoid; page-break-after: avoid; }
          figure, .chart-wrap, svg.chart, pre, dl.facts div, tr { break-inside: avoid; page-break-inside: avoid; }
          svg.chart { max-height: 235mm; }
          .table-wrap { overflow: visible; border: none; }
          table { font-size: 6.5pt; width: auto; }
          th, td { padding: 0.1rem 0.25rem; white-space: normal; }
          thead { display: table-header-group; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
