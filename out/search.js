/* refolio offline search. The index files are scripts, each calling refolioSearch(index):
   plain <script> elements load them from the built folder, even over file:// where fetch is
   refused. Words were stemmed at build time; the index lists every folded form it saw with
   its stem, so a query word is matched against real forms, then as a prefix while typing.
   IDs are matched compacted to their letters and digits; an exact ID ranks above a prefix.
   The order is fixed: score, then the index's place in the scope, then the item's place in
   its index. Results are put in as text only: the index holds candidates' untrusted words. */
(function () {
  'use strict';

  var LIMIT = 100;
  // An exact ID against a prefix of one (`C1.1` against `C1.1.cr1`), whatever how the item
  // holds it (its own ID 4, demonstrated 2, cited 1: src/render/search.rs).
  var EXACT = 10;
  // Written in at build time (src/render/search.rs): each folded form with the lowercase
  // letters that fold to it, from src/fold.rs, and the stop words the index left out.
  var FOLDS = {"a":"àáâãäåāăąǎǟǡǻȁȃȧḁẚạảấầẩẫậắằẳẵặ","ae":"æǣǽ","b":"ƀƃḃḅḇ","c":"çćĉċčƈȼḉ","d":"ðďđƌƍȡḋḍḏḑḓẟ","db":"ȸ","dz":"ǆǳ","e":"èéêëēĕėęěȅȇȩɇḕḗḙḛḝẹẻẽếềểễệ","f":"ƒḟ","ff":"ﬀ","ffi":"ﬃ","ffl":"ﬄ","fi":"ﬁ","fl":"ﬂ","g":"ĝğġģǥǧǵḡ","h":"ĥħȟḣḥḧḩḫẖ","hv":"ƕ","i":"ìíîïĩīĭįıǐȉȋḭḯỉị","ij":"ĳ","j":"ĵǰȷɉ","k":"ķĸƙǩḱḳḵ","l":"ĺļľŀłƚƛȴḷḹḻḽ","lj":"ǉ","ll":"ỻ","m":"ḿṁṃ","n":"ñńņňƞǹȵṅṇṉṋ","ng":"ŋ","nj":"ǌ","o":"òóôõöøōŏőơǒǫǭǿȍȏȫȭȯȱṍṏṑṓọỏốồổỗộớờởỡợ","oe":"œ","oi":"ƣ","ou":"ȣ","p":"ƥṕṗ","q":"ɋ","qp":"ȹ","r":"ŕŗřȑȓɍṙṛṝṟ","s":"śŝşšſșȿṡṣṥṧṩẛẜẝ","sh":"ƪ","ss":"ß","st":"ﬅﬆ","t":"ţťŧƫƭțȶṫṭṯṱẗ","th":"þ","ts":"ƾ","u":"ùúûüũūŭůűųưǔǖǘǚǜȕȗṳṵṷṹṻụủứừửữự","v":"ṽṿỽ","w":"ŵƿẁẃẅẇẉẘ","x":"ẋẍ","y":"ýÿŷƴȝȳɏẏẙỳỵỷỹỿ","z":"źżžƶȥɀẑẓẕ","zh":"ƹƺǯ","σ":"ς"};
  var STOP = new Set(["a","au","aux","avec","ce","ces","dans","de","des","du","elle","en","est","et","il","la","le","les","leur","leurs","ou","par","pas","pour","qu","que","qui","sa","se","ses","son","sur","un","une"]);
  var FOLD = {};
  Object.keys(FOLDS).forEach(function (to) {
    for (var ch of FOLDS[to]) FOLD[ch] = to;
  });

  // Each index with the file it came from: scripts finish loading in any order.
  var loaded = [];
  window.refolioSearch = function (index) {
    var script = document.currentScript;
    loaded.push({ index: index, file: script ? script.getAttribute('src') || '' : '' });
  };

  function fold(s) {
    var out = '';
    for (var ch of s.toLowerCase()) {
      if (ch >= '\u0300' && ch <= '\u036f') continue;
      out += Object.prototype.hasOwnProperty.call(FOLD, ch) ? FOLD[ch] : ch;
    }
    return out;
  }

  function compact(s) { return fold(s).replace(/[^a-z0-9]/g, ''); }

  /* A chunk that starts an ID written with a space: `C` of `C 1.1.a`, `Cr` of `Cr 1.1.1`
     (one letter, or two or three that are not a common word), or an ID ending on
     punctuation (`C1.` of `C1. 1`). */
  function idStart(chunk) {
    if (/[0-9]/.test(chunk)) return /[^\p{L}\p{N}]$/u.test(chunk);
    var letters = compact(chunk);
    if (!/^[a-z]{1,3}$/.test(letters) || letters !== fold(chunk).replace(/[^\p{L}\p{N}]/gu, '')) return false;
    return letters.length === 1 || !STOP.has(letters);
  }

  /* The query as terms: {id: 'c11'} for a chunk with a digit, {word: 'veille'} otherwise.
     A chunk starting with a digit (or punctuation and a digit) is joined to the chunk
     before it when that one starts an ID: `C 1.1.a` is `c11a`; so is an ID's part after a
     separator (`C2.4 .cr1`). */
  function parse(query) {
    var terms = [];
    var chunks = [];
    query.split(/\s+/).forEach(function (chunk) {
      if (!chunk) return;
      var last = chunks.length - 1;
      var joins = last >= 0 && (
        (/^[^\p{L}\p{N}]*[0-9]/u.test(chunk) && idStart(chunks[last])) ||
        // `C2.4 .cr1`: an ID going on after a separator.
        (/^[.\-_]+[\p{L}\p{N}]/u.test(chunk) && /[0-9]/.test(chunk) && /[0-9]/.test(chunks[last])));
      if (joins) {
        chunks[last] += chunk;
      } else {
        chunks.push(chunk);
      }
    });
    chunks.forEach(function (chunk) {
      if (!chunk) return;
      if (/[0-9]/.test(chunk)) {
        var id = compact(chunk);
        // As typed, too: of `A.1` and `A1`, both `a1`, the one spelled so ranks first.
        var spelled = fold(chunk).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
        if (id) terms.push({ id: id, spelled: spelled });
        return;
      }
      chunk.split(/[^\p{L}\p{N}]+/u).forEach(function (w) {
        if ([...w].length < 2) return;
        w = fold(w);
        if (!STOP.has(w)) terms.push({ word: w });
      });
    });
    return terms;
  }

  // For the test that folds words here and in Rust alike (tests/it/search_folding.rs).
  window.refolioSearch.fold = fold;
  window.refolioSearch.parse = parse;

  function has(map, key) { return Object.prototype.hasOwnProperty.call(map, key); }

  /* The stems a query word may stand for in one index. */
  function stems(index, w) {
    var found = new Set();
    var add = function (form) {
      if (has(index.forms, form)) found.add(index.forms[form]);
      if (has(index.terms, form)) found.add(form);
    };
    add(w);
    if (!found.size && w.length >= 3) {
      Object.keys(index.forms).forEach(function (f) { if (f.startsWith(w)) add(f); });
      Object.keys(index.terms).forEach(function (f) { if (f.startsWith(w)) found.add(f); });
    }
    // An inflection the site never wrote (évaluer, évaluées): its shorter forms.
    for (var cut = 1; !found.size && cut <= 3 && w.length - cut >= 4; cut++) {
      add(w.slice(0, -cut));
    }
    return found;
  }

  /* doc → weight for one query term. */
  function matches(index, term) {
    var docs = new Map();
    if (term.id) {
      Object.keys(index.ids).forEach(function (k) {
        if (!k.startsWith(term.id)) return;
        var factor = k === term.id ? EXACT : 1;
        var postings = index.ids[k];
        for (var i = 0; i + 1 < postings.length; i += 2) {
          var d = postings[i];
          var w = postings[i + 1] * factor + (index.docs[d].id === term.spelled ? 1 : 0);
          docs.set(d, Math.max(docs.get(d) || 0, w));
        }
      });
      return docs;
    }
    stems(index, term.word).forEach(function (stem) {
      var postings = index.terms[stem];
      for (var i = 0; i + 1 < postings.length; i += 2) {
        docs.set(postings[i], Math.max(docs.get(postings[i]) || 0, postings[i + 1]));
      }
    });
    return docs;
  }

  /* Every document of every index that matches all the terms, best first; `files` are the
     scope's index files, in the order of the scope list. */
  function search(terms, files) {
    var results = [];
    var place = function (entry) {
      var i = files.indexOf(entry.file);
      return i < 0 ? files.length : i;
    };
    var indexes = loaded.filter(function (entry) { return files.indexOf(entry.file) >= 0; });
    indexes.sort(function (a, b) {
      return place(a) - place(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
    });
    indexes.forEach(function (entry, position) {
      var index = entry.index;
      var scores = null;
      terms.forEach(function (term) {
        var docs = matches(index, term);
        if (scores === null) { scores = docs; return; }
        var kept = new Map();
        scores.forEach(function (score, d) {
          if (docs.has(d)) kept.set(d, score + docs.get(d));
        });
        scores = kept;
      });
      (scores || new Map()).forEach(function (score, d) {
        results.push({ doc: index.docs[d], score: score, index: position, d: d });
      });
    });
    return results.sort(function (a, b) {
      return b.score - a.score || a.index - b.index || a.d - b.d;
    });
  }

  // Each index file asked for: true once loaded, else the callbacks waiting for it. A
  // second search in the page waits for the same files rather than loading them again.
  var requested = new Map();
  function load(files, done) {
    var pending = files.length;
    var one = function () { if (--pending === 0) done(); };
    if (!pending) { done(); return; }
    files.forEach(function (file) {
      var state = requested.get(file);
      if (state === true) { one(); return; }
      if (state) { state.push(one); return; }
      requested.set(file, [one]);
      var script = document.createElement('script');
      script.src = file;
      script.onload = script.onerror = function () {
        var waiting = requested.get(file);
        requested.set(file, true);
        waiting.forEach(function (f) { f(); });
      };
      document.head.appendChild(script);
    });
  }

  /* The index files of a scope: '' (everything), 'candidates', 'r:<id>' or 'c:<slug>'. */
  function files(select, scope) {
    var out = [];
    Array.prototype.forEach.call(select.options, function (o) {
      var file = o.getAttribute('data-index');
      if (!file) return;
      var everything = scope === '' || (scope === 'candidates' && o.value.startsWith('c:'));
      if (everything || o.value === scope) out.push(file);
    });
    return out;
  }

  function show(status, list, kinds, query, results) {
    var fill = function (text, values) {
      return text.replace(/\{(\w+)\}/g, function (m, k) { return has(values, k) ? values[k] : m; });
    };
    list.textContent = '';
    if (!results.length) {
      status.textContent = fill(status.getAttribute('data-none'), { query: query });
      return;
    }
    var text = fill(status.getAttribute('data-results'), { count: results.length, query: query });
    if (results.length > LIMIT) text += ' ' + fill(status.getAttribute('data-more'), { count: LIMIT });
    status.textContent = text;
    results.slice(0, LIMIT).forEach(function (r) {
      var li = document.createElement('li');
      var kind = document.createElement('span');
      kind.className = 'search-kind';
      kind.textContent = kinds[r.doc.kind] || r.doc.kind;
      var a = document.createElement('a');
      a.href = r.doc.href;
      a.textContent = r.doc.title;
      li.append(kind, ' ', a);
      if (r.doc.excerpt) {
        var p = document.createElement('p');
        p.textContent = r.doc.excerpt;
        li.append(p);
      }
      list.append(li);
    });
  }

  /* Searches `query` in `scope` and calls `done` with the results, best first, as
     {kind, title, href}: what the page lists, for tests that run many queries. */
  window.refolioSearch.find = function (query, scope, done) {
    var select = document.getElementById('rf-search-scope');
    var scoped = files(select, scope);
    var terms = parse(query);
    load(scoped, function () {
      done(terms.length ? search(terms, scoped).map(function (r) {
        return { kind: r.doc.kind, title: r.doc.title, href: r.doc.href };
      }) : []);
    });
  };

  document.addEventListener('DOMContentLoaded', function () {
    var input = document.getElementById('rf-search-q');
    var select = document.getElementById('rf-search-scope');
    var status = document.getElementById('rf-search-status');
    var list = document.getElementById('rf-search-results');
    if (!input || !select || !status || !list) return;
    var params = new URLSearchParams(window.location.search);
    var query = (params.get('q') || '').trim();
    var scope = params.get('scope') || '';
    input.value = query;
    if (Array.prototype.some.call(select.options, function (o) { return o.value === scope; })) {
      select.value = scope;
    } else {
      scope = '';
    }
    var terms = parse(query);
    if (!terms.length) {
      // Only common words, single letters or punctuation: say so rather than show nothing.
      if (query) status.textContent = status.getAttribute('data-nothing').replace('{query}', function () { return query; });
      input.focus();
      return;
    }
    var kinds = JSON.parse(list.getAttribute('data-kinds') || '{}');
    status.textContent = status.getAttribute('data-loading');
    var scoped = files(select, scope);
    load(scoped, function () {
      show(status, list, kinds, query, search(terms, scoped));
    });
  });
})();
