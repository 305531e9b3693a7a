/* refolio offline search. The index files are scripts, each calling refolioSearch(index):
   plain <script> elements load them from the built folder, even over file:// where fetch is
   refused. Words were stemmed at build time; the index lists every folded form it saw with
   its stem, so a query word is matched against real forms, then as a prefix while typing.
   Results are put in as text only: the index holds candidates' untrusted words. */
(function () {
  'use strict';

  var LIMIT = 100;
  // Written in at build time (src/render/search.rs): each folded form with the lowercase
  // letters that fold to it, from src/fold.rs, and the stop words the index left out.
  var FOLDS = {{FOLDS}};
  var STOP = new Set({{STOP_WORDS}});
  var FOLD = {};
  Object.keys(FOLDS).forEach(function (to) {
    for (var ch of FOLDS[to]) FOLD[ch] = to;
  });

  var loaded = [];
  window.refolioSearch = function (index) { loaded.push(index); };

  function fold(s) {
    var out = '';
    for (var ch of s.toLowerCase()) {
      if (ch >= '\u0300' && ch <= '\u036f') continue;
      out += Object.prototype.hasOwnProperty.call(FOLD, ch) ? FOLD[ch] : ch;
    }
    return out;
  }

  function compact(s) { return fold(s).replace(/[^a-z0-9]/g, ''); }

  /* The query as terms: {id: 'c11'} for a chunk with a digit, {word: 'veille'} otherwise. */
  function parse(query) {
    var terms = [];
    query.split(/\s+/).forEach(function (chunk) {
      if (!chunk) return;
      if (/[0-9]/.test(chunk)) {
        var id = compact(chunk);
        if (id) terms.push({ id: id });
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
      var keys = has(index.ids, term.id) ? [term.id]
        : Object.keys(index.ids).filter(function (k) { return k.startsWith(term.id); });
      keys.forEach(function (k) {
        index.ids[k].forEach(function (d) { docs.set(d, (docs.get(d) || 0) + 5); });
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

  /* Every document of every index that matches all the terms, best first. */
  function search(terms) {
    var results = [];
    loaded.forEach(function (index) {
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
        results.push({ doc: index.docs[d], score: score, order: results.length });
      });
    });
    return results.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
  }

  function load(files, done) {
    var pending = files.length;
    if (!pending) { done(); return; }
    files.forEach(function (file) {
      var script = document.createElement('script');
      script.src = file;
      script.onload = script.onerror = function () { if (--pending === 0) done(); };
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
    if (!terms.length) { input.focus(); return; }
    var kinds = JSON.parse(list.getAttribute('data-kinds') || '{}');
    status.textContent = status.getAttribute('data-loading');
    load(files(select, scope), function () {
      show(status, list, kinds, query, search(terms));
    });
  });
})();
