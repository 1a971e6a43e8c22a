import type React from 'react'

/** The public site's root layout (the admin and API have their own in `(payload)`). */
const Layout = ({ children }: { children: React.ReactNode }) => (
  <html lang="en">
    <body>{children}</body>
  </html>
)

export default Layout
