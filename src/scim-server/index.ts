// The app side's public surface (ring 2). Each module adds its export line here.
export * from './secret-token.ts';
