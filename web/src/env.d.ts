// Vite handles CSS imports; TypeScript only needs to know they exist.
declare module "*.css";
declare module "*.css?inline" {
  const css: string;
  export default css;
}
