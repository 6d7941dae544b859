import { Navigate, Route } from 'react-router-dom';
import { PublicBulletinPage } from './bulletin-page';
import { PublicBulletinsPage } from './bulletins-page';
import { FeedbackPage } from './feedback-page';
import { PublicLayout } from './public-layout';
import { FeedbackTrackingPage } from './tracking-page';

// The pages open without signing in, outside the signed-in layout (app.tsx places them).
export const publicRoutes = (
  <Route path="/public" element={<PublicLayout />}>
    <Route index element={<Navigate to="/public/bulletins" replace />} />
    <Route path="bulletins" element={<PublicBulletinsPage />} />
    <Route path="bulletins/:id" element={<PublicBulletinPage />} />
    <Route path="feedback" element={<FeedbackPage />} />
    <Route path="feedback/:code" element={<FeedbackTrackingPage />} />
  </Route>
);
