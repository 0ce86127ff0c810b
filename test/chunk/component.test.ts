import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChunker } from '../../src/chunk/index.js';
import type { Chunker } from '../../src/chunk/index.js';
import type { Chunk } from '../../src/core/index.js';

let whole: Chunker;
let split: Chunker;
beforeAll(async () => {
  whole = await createChunker();
  split = await createChunker({ maxChunkLines: 6 });
});
afterAll(() => {
  whole.close();
  split.close();
});

function rows(chunks: readonly Chunk[]): string[] {
  return chunks.map((c) => `${c.startLine}-${c.endLine} ${c.kind} ${c.symbol}`);
}

const USER_LIST = [
  '<template>', // 1
  '  <ul>', // 2
  '    <li v-for="user in users" :key="user.id" @click="select(user)">{{ user.name }}</li>', // 3
  '  </ul>', // 4
  '</template>', // 5
  '', // 6
  '<script>', // 7
  "import api from '../api';", // 8
  '', // 9
  'export default {', // 10
  "  name: 'UserList',", // 11
  '  data() {', // 12
  '    return { users: [], selected: null };', // 13
  '  },', // 14
  '  async mounted() {', // 15
  '    this.users = await api.fetchUsers();', // 16
  '  },', // 17
  '  methods: {', // 18
  '    // Marks a user as the selected one and tells the parent.', // 19
  '    select(user) {', // 20
  '      this.selected = user;', // 21
  "      this.$emit('select', user);", // 22
  '    },', // 23
  '  },', // 24
  '};', // 25
  '</script>', // 26
  '', // 27
  '<style scoped>', // 28
  'li { cursor: pointer; }', // 29
  '</style>', // 30
].join('\n');

describe('single-file components', () => {
  it('a Vue component that fits is one chunk named after its file', async () => {
    expect(rows(await whole.chunk('src/components/UserList.vue', 'vue', USER_LIST))).toEqual([
      '1-30 class UserList',
    ]);
  });

  it("a larger one is cut at its script's methods; template and style keep the component's name", async () => {
    expect(rows(await split.chunk('src/components/UserList.vue', 'vue', USER_LIST))).toEqual([
      '1-5 class UserList',
      '7-11 class UserList',
      '12-14 method UserList.data',
      '15-17 method UserList.mounted',
      '18-23 method UserList.select',
      '24-30 class UserList',
    ]);
  });

  it('reads `<script setup lang="ts">` and a second script block, and Svelte the same way', async () => {
    const vue = [
      '<script lang="ts">', // 1
      'export interface Props { title: string }', // 2
      '</script>', // 3
      '<script setup lang="ts">', // 4
      'const props = defineProps<Props>();', // 5
      'function shout(): string {', // 6
      '  return props.title.toUpperCase();', // 7
      '}', // 8
      '</script>', // 9
      '<template><h1>{{ shout() }}</h1></template>', // 10
    ].join('\n');
    expect(rows(await split.chunk('Title.vue', 'vue', vue))).toEqual([
      '1-1 class Title',
      '2-2 interface Title.Props',
      // The short code between members joins the next one.
      '3-8 method Title.shout',
      '9-10 class Title',
    ]);
    const svelte = [
      '<script lang="ts">',
      '  export let start = 0;',
      '  let count = start;',
      '',
      '  function increment(by: number = 1) {',
      '    count += by;',
      '  }',
      '</script>',
      '',
      '<button on:click={() => increment()}>Clicked {count} times</button>',
    ].join('\n');
    expect(rows(await split.chunk('src/lib/Counter.svelte', 'svelte', svelte))).toEqual([
      '1-3 class Counter',
      '5-10 method Counter.increment',
    ]);
  });

  it('cuts a CRLF file at the same rows (script blocks are parsed by character offsets)', async () => {
    const lf = await split.chunk('UserList.vue', 'vue', USER_LIST);
    const crlf = await split.chunk('UserList.vue', 'vue', USER_LIST.replace(/\n/g, '\r\n'));
    expect(crlf).toEqual(lf);
  });

  it("reads Astro's `---` fence as its script", async () => {
    const astro = [
      '---', // 1
      "import Layout from '../layouts/Layout.astro';", // 2
      'const posts = await getPosts();', // 3
      'function byDate(a: Post, b: Post): number {', // 4
      '  return b.date.valueOf() - a.date.valueOf();', // 5
      '}', // 6
      '---', // 7
      '<Layout title="Blog">', // 8
      '  {posts.sort(byDate).map((post) => <a href={post.url}>{post.title}</a>)}', // 9
      '</Layout>', // 10
    ].join('\n');
    expect(rows(await split.chunk('src/pages/blog.astro', 'astro', astro))).toEqual([
      '1-3 class blog',
      '4-6 method blog.byDate',
      '7-10 class blog',
    ]);
  });

  it('a component without a script block is still named after its file', async () => {
    const text = ['<template>', '  <p>Nothing to see.</p>', '</template>'].join('\n');
    expect(rows(await whole.chunk('Empty.vue', 'vue', text))).toEqual(['1-3 class Empty']);
  });
});
