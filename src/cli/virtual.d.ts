declare module 'virtual:dashboard-client' {
  const code: string;
  export default code;
}
