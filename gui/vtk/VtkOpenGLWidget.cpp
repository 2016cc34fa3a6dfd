#include "gui/vtk/VtkOpenGLWidget.h"

#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QWheelEvent>

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyleTrackballCamera.h>
#include <vtkOpenGLState.h>
#include <vtkRenderer.h>

namespace atomlens {

VtkOpenGLWidget::VtkOpenGLWidget(QWidget* parent)
    : QOpenGLWidget(parent), m_window(vtkSmartPointer<vtkGenericOpenGLRenderWindow>::New()),
      m_renderer(vtkSmartPointer<vtkRenderer>::New()),
      m_interactor(vtkSmartPointer<vtkGenericRenderWindowInteractor>::New()),
      m_callback(vtkSmartPointer<vtkCallbackCommand>::New()) {
    m_window->AddRenderer(m_renderer);
    m_window->SetReadyForRendering(false);
    m_window->SetOwnContext(false);
    m_window->SetFrameBlitModeToNoBlit(); // we blit into Qt's framebuffer ourselves
    m_window->SetForceMaximumHardwareLineWidth(1);
    m_callback->SetCallback(&VtkOpenGLWidget::onWindowEvent);
    m_callback->SetClientData(this);
    for (unsigned long e : {vtkCommand::WindowMakeCurrentEvent, vtkCommand::WindowIsCurrentEvent,
                            vtkCommand::WindowSupportsOpenGLEvent, vtkCommand::WindowIsDirectEvent})
        m_window->AddObserver(e, m_callback);

    m_interactor->SetRenderWindow(m_window);
    m_interactor->EnableRenderOff(); // the interactor asks for a render -> we schedule a Qt repaint
    m_interactor->AddObserver(vtkCommand::RenderEvent, m_callback);
    m_interactor->SetInteractorStyle(vtkSmartPointer<vtkInteractorStyleTrackballCamera>::New());
    m_interactor->Enable();
    setMouseTracking(false);
    setFocusPolicy(Qt::StrongFocus);
}

vtkRenderer* VtkOpenGLWidget::renderer() const {
    return m_renderer;
}
vtkGenericOpenGLRenderWindow* VtkOpenGLWidget::renderWindow() const {
    return m_window;
}
vtkGenericRenderWindowInteractor* VtkOpenGLWidget::interactor() const {
    return m_interactor;
}

VtkOpenGLWidget::~VtkOpenGLWidget() {
    m_window->RemoveObserver(m_callback); // no callbacks into a half-destroyed widget
    m_interactor->RemoveObserver(m_callback);
    onContextDestroyed();
}

void VtkOpenGLWidget::onContextDestroyed() {
    if (!m_glReady) return;
    makeCurrent();
    cleanupGl();
    doneCurrent();
}

void VtkOpenGLWidget::onWindowEvent(vtkObject*, unsigned long eventId, void* clientData, void* callData) {
    auto* self = static_cast<VtkOpenGLWidget*>(clientData);
    switch (eventId) {
    case vtkCommand::WindowMakeCurrentEvent:
        if (self->context() && QOpenGLContext::currentContext() != self->context()) self->makeCurrent();
        break;
    case vtkCommand::WindowIsCurrentEvent:
        *static_cast<bool*>(callData) =
            self->context() && QOpenGLContext::currentContext() == self->context();
        break;
    case vtkCommand::WindowSupportsOpenGLEvent:
    case vtkCommand::WindowIsDirectEvent:
        *static_cast<int*>(callData) = 1;
        break;
    case vtkCommand::RenderEvent:
        self->update();
        break;
    default:
        break;
    }
}

void VtkOpenGLWidget::cleanupGl() {
    if (!m_glReady) return;
    m_window->ReleaseGraphicsResources(m_window);
    m_window->Finalize();
    m_glReady = false;
}

void VtkOpenGLWidget::initializeGL() {
    cleanupGl(); // a new context (reparenting) needs fresh VTK resources
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &VtkOpenGLWidget::onContextDestroyed,
            Qt::UniqueConnection);
    const qreal dpr = devicePixelRatioF();
    m_window->SetSize(int(width() * dpr), int(height() * dpr));
    m_glReady = m_window->InitializeFromCurrentContext();
}

void VtkOpenGLWidget::resizeGL(int w, int h) {
    const qreal dpr = devicePixelRatioF();
    m_interactor->UpdateSize(int(w * dpr), int(h * dpr)); // also resizes the render window
}

void VtkOpenGLWidget::paintGL() {
    QOpenGLExtraFunctions* gl = context()->extraFunctions();
    if (!m_glReady) {
        gl->glClearColor(0.2f, 0.2f, 0.2f, 1.0f);
        gl->glClear(GL_COLOR_BUFFER_BIT);
        return;
    }
    const qreal dpr = devicePixelRatioF();
    const int w = int(width() * dpr), h = int(height() * dpr);
    m_interactor->UpdateSize(w, h);
    vtkOpenGLState* state = m_window->GetState();
    state->Reset(); // Qt changed GL state behind VTK's cache
    state->Push();
    m_window->SetReadyForRendering(true);
    m_window->Render(); // into VTK's own framebuffers
    m_window->SetReadyForRendering(false);
    gl->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    state->ResetFramebufferBindings();
    m_window->BlitDisplayFramebuffer(); // VTK's frame -> the widget's framebuffer
    state->Pop();
    state->ResetFramebufferBindings();
    ++m_renderCount;
}

void VtkOpenGLWidget::forwardMouse(QMouseEvent* event, unsigned long vtkEvent) {
    const qreal dpr = devicePixelRatioF();
    const QPointF p = event->position() * dpr;
    m_interactor->SetEventInformationFlipY(int(p.x()), int(p.y()),
                                           (event->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                           (event->modifiers() & Qt::ShiftModifier) ? 1 : 0);
    m_interactor->InvokeEvent(vtkEvent, event);
    event->accept();
}

void VtkOpenGLWidget::mousePressEvent(QMouseEvent* event) {
    switch (event->button()) {
    case Qt::LeftButton:
        forwardMouse(event, vtkCommand::LeftButtonPressEvent);
        break;
    case Qt::MiddleButton:
        forwardMouse(event, vtkCommand::MiddleButtonPressEvent);
        break;
    case Qt::RightButton:
        forwardMouse(event, vtkCommand::RightButtonPressEvent);
        break;
    default:
        break;
    }
}

void VtkOpenGLWidget::mouseMoveEvent(QMouseEvent* event) {
    forwardMouse(event, vtkCommand::MouseMoveEvent);
}

void VtkOpenGLWidget::mouseReleaseEvent(QMouseEvent* event) {
    switch (event->button()) {
    case Qt::LeftButton:
        forwardMouse(event, vtkCommand::LeftButtonReleaseEvent);
        break;
    case Qt::MiddleButton:
        forwardMouse(event, vtkCommand::MiddleButtonReleaseEvent);
        break;
    case Qt::RightButton:
        forwardMouse(event, vtkCommand::RightButtonReleaseEvent);
        break;
    default:
        break;
    }
}

void VtkOpenGLWidget::wheelEvent(QWheelEvent* event) {
    const qreal dpr = devicePixelRatioF();
    const QPointF p = event->position() * dpr;
    m_interactor->SetEventInformationFlipY(int(p.x()), int(p.y()));
    const int dy = event->angleDelta().y();
    if (dy > 0) m_interactor->InvokeEvent(vtkCommand::MouseWheelForwardEvent, event);
    if (dy < 0) m_interactor->InvokeEvent(vtkCommand::MouseWheelBackwardEvent, event);
    event->accept();
}

} // namespace atomlens
