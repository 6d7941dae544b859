import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { ReactNode } from 'react';
import { HashRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { SessionProvider, useSession } from './auth/session';
import { I18nProvider, useI18n } from './i18n/i18n';
import { AppLayout } from './layout/app-layout';
import { LoginPage } from './views/login/login-page';
import { MeasureDetailPage } from './views/measure-detail/measure-detail-page';
import { PlansPage } from './views/plans/plans-page';
import { publicRoutes } from './views/public/public-routes';
import { PlanImportPage } from './views/plan-import/plan-import-page';
import { PlanDraftPage } from './views/plan-drafts/plan-draft-page';
import { PlanDraftsPage } from './views/plan-drafts/plan-drafts-page';
import { EscalationPage } from './views/escalation/escalation-page';
import { PlanOverviewPage } from './views/overview/plan-overview-page';
import { ScorecardPage } from './views/scorecard/scorecard-page';
import { AssessmentPage } from './views/assessment/assessment-page';
import { AuditPage } from './views/audit/audit-page';
import { CasePage } from './views/discipline/case-page';
import { DisciplinePage } from './views/discipline/discipline-page';
import { InboxPage } from './views/inbox/inbox-page';
import { SpotRoundPage } from './views/spot-inspections/spot-round-page';
import { SpotRoundsPage } from './views/spot-inspections/spot-rounds-page';
import { MeasureBoardPage } from './views/measure-board/measure-board-page';
import { InstructionsPage } from './views/instructions/instructions-page';

// Routes live after `#` so that no path of the API, which serves this app at `/`, is shadowed.
export function App() {
  return (
    <I18nProvider>
      <Localised>
        <SessionProvider>
          <HashRouter>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              {publicRoutes}
              <Route
                element={
                  <SignedIn>
                    <AppLayout />
                  </SignedIn>
                }
              >
                <Route index element={<PlansPage />} />
                <Route path="import" element={<PlanImportPage />} />
                <Route path="escalation" element={<EscalationPage />} />
                <Route path="/plans/drafts" element={<PlanDraftsPage />} />
                <Route path="/plans/drafts/:id" element={<PlanDraftPage />} />
                <Route path="/plans/:id" element={<PlanOverviewPage />} />
                <Route path="/scorecard" element={<ScorecardPage />} />
                <Route path="/assessment" element={<AssessmentPage />} />
                <Route path="/measures/:id" element={<MeasureDetailPage />} />
                <Route path="/inbox" element={<InboxPage />} />
                <Route path="/discipline" element={<DisciplinePage />} />
                <Route path="/discipline/cases/:id" element={<CasePage />} />
                <Route path="/spot-inspections" element={<SpotRoundsPage />} />
                <Route path="/spot-inspections/:code" element={<SpotRoundPage />} />
                <Route path="/audit" element={<AuditPage />} />
                <Route path="/measures" element={<MeasureBoardPage />} />
                <Route path="/instructions" element={<InstructionsPage />} />
              </Route>
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </HashRouter>
        </SessionProvider>
      </Localised>
    </I18nProvider>
  );
}

function Localised({ children }: { children: ReactNode }) {
  const { language } = useI18n();
  return (
    <ConfigProvider
      locale={language === 'zh' ? zhCN : enUS}
      // Colours with at least 4.5:1 contrast on white (WCAG AA), checked by axe-core in the browser tests.
      theme={{
        token: {
          colorPrimary: '#b71c1c',
          colorLink: '#0b50b3',
          colorTextSecondary: '#595959',
          colorTextDescription: '#595959',
          colorTextTertiary: '#595959',
          colorTextPlaceholder: '#6b6b6b',
        },
      }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

function SignedIn({ children }: { children: ReactNode }) {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return <Spin fullscreen />;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}
