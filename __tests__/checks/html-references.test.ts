import { describe, expect, it } from 'vitest'
import { cssReferences, scanHtml } from '../../src/checks/html/references.ts'

const page = new URL('https://shop.example/a/page')
const refs = (html: string) =>
  scanHtml(html, page).references.map(
    r =>
      `${r.tag}[${r.attribute}] ${r.type}${r.alternative ? ' alt' : ''}: ${r.urls.map(u => u.href).join(' ')}`
  )

describe('scanHtml', () => {
  it('types what a browser loads, resolved against the first <base>', () => {
    expect(
      refs(`<base href="https://cdn.example/b/"><base href="https://other/">
<script src="app.js"></script>
<script>var s = "<img src=x.png>"</script>
<link rel="modulepreload" href="/m.js">
<link rel="preload" as="font" href="f.woff2" crossorigin>
<link rel="preload" as="style" href="p.css">
<link rel="Stylesheet" href="s.css">
<link rel="icon" href="/favicon.ico">
<link rel="alternate" href="/feed">
<link rel="prefetch" href="/next.js">
<iframe src="https://embed.example/w"></iframe>
<video src="v.mp4" poster="p.jpg"></video>
<object data="o.bin"></object>
<form action="/post"></form>
<a href="/not-loaded">x</a>
<img src="data:image/png;base64,AAAA"><img src="javascript:x">`)
    ).toEqual([
      'script[src] script: https://cdn.example/b/app.js',
      'link[href] script: https://cdn.example/m.js',
      'link[href] font: https://cdn.example/b/f.woff2',
      'link[href] stylesheet: https://cdn.example/b/p.css',
      'link[href] stylesheet: https://cdn.example/b/s.css',
      'link[href] image: https://cdn.example/favicon.ico',
      'iframe[src] document: https://embed.example/w',
      'video[src] media: https://cdn.example/b/v.mp4',
      'video[poster] image: https://cdn.example/b/p.jpg',
      'object[data] other: https://cdn.example/b/o.bin',
      'form[action] other: https://cdn.example/post'
    ])
  })

  it('marks responsive candidates and later media sources as alternatives', () => {
    expect(
      refs(`<img src="a.png" srcset="a.png 1x, b.png 2x">
<img srcset="c.png 1x, d.png 2x">
<picture><source srcset="e.avif" type="image/avif"><img src="e.jpg"></picture>
<video><source src="f.webm"><source src="f.mp4"></video>`)
    ).toEqual([
      'img[src] image: https://shop.example/a/a.png',
      'img[srcset] image alt: https://shop.example/a/a.png https://shop.example/a/b.png',
      'img[srcset] image: https://shop.example/a/c.png https://shop.example/a/d.png',
      'source[srcset] image alt: https://shop.example/a/e.avif',
      'img[src] image: https://shop.example/a/e.jpg',
      'source[src] media: https://shop.example/a/f.webm',
      'source[src] media alt: https://shop.example/a/f.mp4'
    ])
  })

  it('collects inline CSS and meta policies', () => {
    const scan = scanHtml(
      `<meta http-equiv="content-security-policy" content="img-src 'self'">
<style>@import "i.css"; body { background: url(bg.png) }</style>
<div style="background-image:url('/d.png')"></div>`,
      page
    )
    expect(scan.metaPolicies).toEqual(["img-src 'self'"])
    expect(
      scan.inlineCss.flatMap(css =>
        cssReferences(css, scan.base).map(r => `${r.type} ${r.url.href}`)
      )
    ).toEqual([
      'stylesheet https://shop.example/a/i.css',
      'image https://shop.example/a/bg.png',
      'image https://shop.example/d.png'
    ])
  })
})

describe('cssReferences', () => {
  it('finds @import and url() once each, outside comments', () => {
    const css = `@import url("base.css") screen;
@import 'theme.css';
/* url(commented.png) */
@font-face { src: url(/f/a.woff2) format("woff2"), url(/f/a.woff) }
.x { background: url( "img/x.svg" ), url(data:image/png;base64,AAA) }
.y { background: url(img/x.svg) } .z { background: url(/api/pixel) }`
    expect(
      cssReferences(css, new URL('https://shop.example/css/main.css')).map(
        r => `${r.type} ${r.url.pathname}`
      )
    ).toEqual([
      'stylesheet /css/base.css',
      'stylesheet /css/theme.css',
      'font /f/a.woff2',
      'font /f/a.woff',
      'image /css/img/x.svg',
      'other /api/pixel'
    ])
  })

  // Each of these took minutes with a backtracking pattern; none holds a URL.
  it.each([
    ['url(', 'url('.repeat(200_000)],
    ['url("', 'url("'.repeat(200_000)],
    ['spaces', 'url(' + ' '.repeat(500_000)],
    ['comments', '/*'.repeat(300_000)]
  ])('ends on hostile CSS: %s', (_label, css) => {
    expect(cssReferences(css, page)).toEqual([])
  })
})
